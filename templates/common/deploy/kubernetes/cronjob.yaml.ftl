<#-- One Kubernetes CronJob per scheduled run (Deployment.jobs): `job` is the run. -->
<#include "/common/deploy/kubernetes/pod.ftl">
# ${job.description}
#
# Runs, on schedule "${job.schedule}" (UTC), in the image of the Dockerfile:
#
#   java -jar ${deploy.jar} ${(job.arguments + ["--summary-json"])?join(" ")}
#
# Apply it with the ConfigMap, after creating the Secret (see configmap.yaml):
#
#   kubectl apply -f deploy/kubernetes/
#
# A run that fails (exit code 1 or 2) fails its Job, which Kubernetes retries up to backoffLimit
# times; the pod's log ends with the run's summary.
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${deploy.name}-${job.name}
  labels:
    app.kubernetes.io/name: ${deploy.name}
    app.kubernetes.io/component: ${job.name}
spec:
  schedule: "${job.schedule}"
  # The schedule's time zone (Kubernetes 1.27 or later; older clusters use the controller's).
  timeZone: Etc/UTC
  # Never two runs of this job at once: a run still going when the next is due makes it skip.
  concurrencyPolicy: Forbid
  # A run that could not start within 10 minutes of its time is skipped, not started late.
  startingDeadlineSeconds: 600
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 3
  jobTemplate:
    spec:
      backoffLimit: 2
      # A stuck run is stopped before the next one is due.
      activeDeadlineSeconds: ${job.deadlineSeconds?c}
      ttlSecondsAfterFinished: 86400
      template:
<@podTemplate job.name job.arguments 8/>
