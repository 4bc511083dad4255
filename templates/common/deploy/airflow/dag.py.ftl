<#-- The Airflow DAGs of the project: the runs of deploy/kubernetes/, one DAG each. -->
<#macro py s>"${s?j_string}"</#macro>
<#assign dagPrefix = d.id?replace("-", "_") + "_push">
"""Airflow DAGs running the ${d.name} to Monte Carlo programs on the schedules of deploy/kubernetes/.

One DAG per scheduled run (JOBS below), each with two tasks:

- ``run`` runs one command of the jar, with retries. With RUN_IN = "kubernetes" it is a
  KubernetesPodOperator starting the project's image (see the Dockerfile) with the ConfigMap and
  the Secret of deploy/kubernetes/; with RUN_IN = "local" a BashOperator running the jar on the
  Airflow worker (for flows that read the server's log files where they are, or without a
  cluster).
- ``invocation_ids`` reads the run's summary (``--summary-file``: flow, counts, invocation ids,
  failed batches, exit code, duration) and returns its invocation ids, which Airflow keeps as that
  task's XCom: the handles for tracing the pushed data in Monte Carlo.

Needs Airflow 2.4 or later (Airflow 3 too), and for RUN_IN = "kubernetes" the cncf.kubernetes
provider. Copy this file into the DAGs folder and set the constants below.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

try:  # Airflow 3
    from airflow.sdk import DAG, task
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.decorators import task

# "kubernetes": each run in a pod of the project's image; "local": the jar on the Airflow worker.
RUN_IN = "kubernetes"

# RUN_IN = "kubernetes": the namespace holding the ConfigMap and the Secret ${deploy.name}, and
# the image built from the Dockerfile, with your registry.
NAMESPACE = "default"
IMAGE = <@py deploy.image/>
NAME = <@py deploy.name/>
SECRETS_DIR = <@py deploy.secretsDir/>
USER_ID = ${deploy.userId?c}

# RUN_IN = "local": the jar `mvn package` built, a folder for manifests, result files and
# summaries, and the settings of deploy/kubernetes/configmap.yaml. Secrets stay in files: each
# variable below names a file readable only by the Airflow user.
JAR = <@py "/opt/" + deploy.name + "/" + deploy.jar/>
WORK_DIR = <@py "/var/lib/" + deploy.name/>
LOCAL_ENV = {
<#list deploy.config?filter(c -> !c.optional) as c>
<#if c.env == deploy.logFileEnv>
    # Where the server writes its logs, on this worker.
    <@py c.env/>: <@py deploy.logFileDefault/>,
<#else>
    <@py c.env/>: <@py c.value/>,
</#if>
</#list>
<#list deploy.secretFiles as f>
    <@py f.env/>: <@py "/etc/" + deploy.name + "/secrets/" + f.key/>,
</#list>
}

# The variables naming the Secret's files in a pod, and the Secret's keys they name.
SECRET_FILES = {
<#list deploy.secretFiles as f>
    <@py f.env/>: <@py f.key/>,
</#list>
}
<#if deploy.logFileEnv?has_content>

# The server's log files, on a volume shared with the server (RUN_IN = "kubernetes").
LOGS_CLAIM = <@py deploy.name + "-server-logs"/>
LOGS_DIR = <@py deploy.logsDir/>
</#if>

# The runs: the same commands and schedules (UTC) as the CronJobs of deploy/kubernetes/.
JOBS = [
<#list deploy.jobs as job>
    {
        "name": <@py job.name/>,
        "description": <@py job.description/>,
        "schedule": <@py job.schedule/>,
        "arguments": [<#list job.arguments as a><@py a/><#sep>, </#sep></#list>],
    },
</#list>
]

DEFAULT_ARGS = {
    # A failed run is retried twice, five minutes apart; its result file is not kept between
    # attempts, so a retry collects and pushes again (the same window for --window hourly).
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
}


def run_in_pod(job):
    """The run as a pod; its summary file is the pod's XCom (Airflow reads /airflow/xcom/return.json)."""
    # Imported here, so that RUN_IN = "local" needs no Kubernetes provider.
    from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
    from kubernetes.client import models as k8s

    volumes = [
        k8s.V1Volume(
            name="secrets",
            secret=k8s.V1SecretVolumeSource(secret_name=NAME, default_mode=0o440),
        ),
        k8s.V1Volume(name="work", empty_dir=k8s.V1EmptyDirVolumeSource()),
        k8s.V1Volume(name="tmp", empty_dir=k8s.V1EmptyDirVolumeSource()),
    ]
    mounts = [
        k8s.V1VolumeMount(name="secrets", mount_path=SECRETS_DIR, read_only=True),
        k8s.V1VolumeMount(name="work", mount_path=<@py deploy.workDir/>),
        k8s.V1VolumeMount(name="tmp", mount_path="/tmp"),
    ]
<#if deploy.logFileEnv?has_content>
    volumes.append(
        k8s.V1Volume(
            name="server-logs",
            persistent_volume_claim=k8s.V1PersistentVolumeClaimVolumeSource(
                claim_name=LOGS_CLAIM, read_only=True
            ),
        )
    )
    mounts.append(k8s.V1VolumeMount(name="server-logs", mount_path=LOGS_DIR, read_only=True))
</#if>
    return KubernetesPodOperator(
        task_id="run",
        name=f"{NAME}-{job['name']}",
        namespace=NAMESPACE,
        image=IMAGE,
        arguments=[*job["arguments"], "--summary-file", "/airflow/xcom/return.json"],
        env_from=[k8s.V1EnvFromSource(config_map_ref=k8s.V1ConfigMapEnvSource(name=NAME))],
        env_vars=[
            k8s.V1EnvVar(name=env, value=f"{SECRETS_DIR}/{key}") for env, key in SECRET_FILES.items()
        ],
        volumes=volumes,
        volume_mounts=mounts,
        security_context=k8s.V1PodSecurityContext(
            run_as_non_root=True, run_as_user=USER_ID, run_as_group=USER_ID, fs_group=USER_ID
        ),
        # As in deploy/kubernetes/: sized from BENCHMARKS.md (256 MB of heap at most, half the limit).
        container_resources=k8s.V1ResourceRequirements(
            requests={"cpu": "500m", "memory": "640Mi"}, limits={"memory": "640Mi"}
        ),
        do_xcom_push=True,
        get_logs=True,
        on_finish_action="delete_pod",
    )


def run_locally(job, summary_file):
    """The run as `java -jar` on the worker, its summary written to summary_file."""
    import shlex

    try:  # Airflow 3
        from airflow.providers.standard.operators.bash import BashOperator
    except ImportError:  # Airflow 2
        from airflow.operators.bash import BashOperator

    command = ["java", "-jar", JAR, *job["arguments"], "--summary-file", summary_file]
    return BashOperator(
        task_id="run",
        bash_command=" ".join(shlex.quote(part) for part in command),
        env=LOCAL_ENV,
        append_env=True,
        cwd=WORK_DIR,
    )


@task
def read_summary(summary_file):
    """The summary the local run wrote (the next task runs on the same worker with LocalExecutor)."""
    return json.loads(Path(summary_file).read_text(encoding="utf-8"))


@task
def invocation_ids(summary):
    """The run's invocation ids, kept as this task's XCom."""
    return list(summary.get("invocation_ids") or [])


for job in JOBS:
    with DAG(
        dag_id=f"${dagPrefix}_{job['name'].replace('-', '_')}",
        description=job["description"],
        schedule=job["schedule"],
        start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
        catchup=False,
        # Never two runs of one job at once (the CronJobs' concurrencyPolicy: Forbid).
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        tags=["monte-carlo", NAME],
    ) as dag:
        if RUN_IN == "kubernetes":
            invocation_ids(run_in_pod(job).output)
        else:
            # One summary per DAG run, named after the run's logical time.
            summary_file = f"{WORK_DIR}/{job['name']}-{{{{ ts_nodash }}}}.summary.json"
            run = run_locally(job, summary_file)
            summary = read_summary(summary_file)
            run >> summary
            invocation_ids(summary)
    globals()[dag.dag_id] = dag
