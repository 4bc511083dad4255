<#-- The pod template every Kubernetes file of the project shares: the image, its arguments, the
     ConfigMap as environment, the Secret as files, the resources and the security settings.
     `indent` is the column of `metadata:` under `template:`. -->
<#macro podTemplate component arguments indent>
<#local p = ""?left_pad(indent)>
${p}metadata:
${p}  labels:
${p}    app.kubernetes.io/name: ${deploy.name}
${p}    app.kubernetes.io/component: ${component}
${p}spec:
${p}  # A failed run is retried by the Job (backoffLimit), not by restarting the container in place.
${p}  restartPolicy: Never
${p}  # The programs never call the Kubernetes API. Set serviceAccountName here for cloud workload
${p}  # identity (GKE Workload Identity, EKS IRSA) when the warehouse is reached with it.
${p}  automountServiceAccountToken: false
${p}  securityContext:
${p}    # The image's user (Dockerfile); fsGroup makes the Secret's files readable by its group.
${p}    runAsNonRoot: true
${p}    runAsUser: ${deploy.userId?c}
${p}    runAsGroup: ${deploy.userId?c}
${p}    fsGroup: ${deploy.userId?c}
${p}    seccompProfile:
${p}      type: RuntimeDefault
${p}  containers:
${p}    - name: push
${p}      # Build and push the image (see the Dockerfile), then name it here with your registry.
${p}      image: ${deploy.image}
${p}      imagePullPolicy: IfNotPresent
${p}      # The jar's command and options: `java -jar ${deploy.jar} <these arguments>`.
${p}      # --summary-json prints a one-line JSON summary of the run (flow, counts, invocation ids,
${p}      # failed batches, exit code, duration) as the last line of the pod's log.
${p}      args:
<#list arguments + ["--summary-json"] as a>
${p}        - "${a}"
</#list>
${p}      # Every non-secret setting, from the ConfigMap (configmap.yaml).
${p}      envFrom:
${p}        - configMapRef:
${p}            name: ${deploy.name}
${p}      # Every secret is read from a file of the Secret mounted below: the variable names the file,
${p}      # never the value, so no secret is in the pod's environment or in this manifest.
${p}      env:
<#list deploy.secretFiles as f>
${p}        - name: ${f.env}
${p}          value: ${f.path}
</#list>
${p}      # Sized from BENCHMARKS.md: every program stays within 256 MB of heap at 100,000 tables,
${p}      # 1,000,000 query-log entries or 100,000 lineage statements, and the image gives the heap half
${p}      # the memory limit (320 MB here). CPU: two warehouse connections and up to four requests in
${p}      # flight; 10,000 tables were collected in 4 s and 100,000 assets pushed in 10 s on 2 cores.
${p}      # No CPU limit, so a run is never throttled below its request.
${p}      resources:
${p}        requests:
${p}          cpu: 500m
${p}          memory: 640Mi
${p}        limits:
${p}          memory: 640Mi
${p}      securityContext:
${p}        allowPrivilegeEscalation: false
${p}        readOnlyRootFilesystem: true
${p}        capabilities:
${p}          drop:
${p}            - ALL
${p}      volumeMounts:
${p}        - name: secrets
${p}          mountPath: ${deploy.secretsDir}
${p}          readOnly: true
${p}        # Manifests and result files of this run; gone with the pod (the summary is in the log).
${p}        - name: work
${p}          mountPath: ${deploy.workDir}
${p}        - name: tmp
${p}          mountPath: /tmp
<#if deploy.logFileEnv?has_content>
${p}        # The server's log files (${deploy.logFileEnv} in the ConfigMap points here).
${p}        - name: server-logs
${p}          mountPath: ${deploy.logsDir}
${p}          readOnly: true
</#if>
${p}  volumes:
${p}    # Create the Secret from files before the first run (see configmap.yaml for the command).
${p}    # Mode 0440: readable by the pod's group (fsGroup) only.
${p}    - name: secrets
${p}      secret:
${p}        secretName: ${deploy.name}
${p}        defaultMode: 288
${p}    - name: work
${p}      emptyDir: {}
${p}    - name: tmp
${p}      emptyDir: {}
<#if deploy.logFileEnv?has_content>
${p}    # A volume holding the server's logs, shared with the server (for example a
${p}    # ReadWriteMany claim its log directory is written to). Without one, run the flows that read
${p}    # logs where the logs are (the BashOperator variant of deploy/airflow/, or cron).
${p}    - name: server-logs
${p}      persistentVolumeClaim:
${p}        claimName: ${deploy.name}-server-logs
${p}        readOnly: true
</#if>
</#macro>
