<#-- An Indexed Job collecting the metadata in shards: the example for accounts too big for one run. -->
<#include "/common/deploy/kubernetes/pod.ftl">
# An example for an account too big for one run: an Indexed Job of ${deploy.shards?c} pods, each collecting
# and pushing one shard of the databases (for a single-database warehouse, of the schemas). A
# database belongs to the shard its name hashes to, so the shards together cover the account
# exactly once, whatever order the pods run in.
#
# `--shards N` takes the pod's shard from JOB_COMPLETION_INDEX, which Kubernetes sets in every pod
# of an Indexed Job (0 to completions - 1); completions must equal N. Outside Kubernetes, give
# the shard with `--shard I/N` or PUSHGEN_SHARD.
#
# Run it once with `kubectl create -f deploy/kubernetes/job-metadata-sharded.yaml`; to schedule
# it, move its spec under the jobTemplate of a CronJob like cronjob-metadata-daily.yaml.
apiVersion: batch/v1
kind: Job
metadata:
  name: ${deploy.name}-metadata-sharded
  labels:
    app.kubernetes.io/name: ${deploy.name}
    app.kubernetes.io/component: metadata-sharded
spec:
  completionMode: Indexed
  completions: ${deploy.shards?c}
  # Shards running at once: each holds its own warehouse connections.
  parallelism: 2
  # A failed shard is run again, up to twice, without rerunning the others (Kubernetes 1.29 or
  # later; on older clusters use backoffLimit instead).
  backoffLimitPerIndex: 2
  activeDeadlineSeconds: 7200
  ttlSecondsAfterFinished: 86400
  template:
<@podTemplate "metadata-sharded" deploy.shardedArguments 4/>
