package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment files of every shipped descriptor's project, checked as far as they can be
 * without a cluster, Docker or Airflow: the Kubernetes manifests against Kubernetes' own API
 * models (and a misspelt or missing required field must fail them), the DAG file compiled by
 * python3 and running the CronJobs' commands, the Dockerfile's jar and user against the pom and the
 * manifests, and no secret anywhere but in files. Whether every command and option they name is
 * one the compiled jar has is {@code e2e.DeploymentCommandsTest}.
 */
class DeploymentFilesTest {
  @TempDir Path scratch;

  static Stream<String> shipped() {
    return Descriptors.shippedIds().stream();
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void kubernetesManifestsAreValidObjectsOfTheirKinds(String id) throws Exception {
    SortedMap<String, String> files = DeploymentFiles.render(id);
    Descriptor descriptor = Descriptors.loadShipped(id, null).descriptor();
    Map<String, Object> manifests = manifests(files);
    V1ConfigMap configMap = (V1ConfigMap) manifests.get("deploy/kubernetes/configmap.yaml");
    assertTrue(configMap != null, id + ": a ConfigMap");

    Set<String> secretEnvs = new TreeSet<>();
    for (Descriptor.Setting s : descriptor.connection().settings()) {
      if (Boolean.TRUE.equals(s.secret())) {
        secretEnvs.add(s.env());
      }
    }
    secretEnvs.add("MCD_INGEST_TOKEN");
    for (String key : configMap.getData().keySet()) {
      assertFalse(secretEnvs.contains(key), id + ": the ConfigMap holds the secret " + key);
    }

    Set<String> flowsScheduled = new TreeSet<>();
    int cronJobs = 0;
    for (Map.Entry<String, Object> e : manifests.entrySet()) {
      V1PodSpec pod;
      if (e.getValue() instanceof V1CronJob cronJob) {
        cronJobs++;
        assertEquals("Forbid", cronJob.getSpec().getConcurrencyPolicy(), e.getKey());
        pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        String command = pod.getContainers().get(0).getArgs().get(0);
        flowsScheduled.add(command.replace("collect-and-push-", "").replace('-', '_'));
      } else if (e.getValue() instanceof V1Job job) {
        assertEquals("Indexed", job.getSpec().getCompletionMode(), e.getKey());
        List<String> arguments = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        int shards = Integer.parseInt(arguments.get(arguments.indexOf("--shards") + 1));
        assertEquals(shards, job.getSpec().getCompletions(), e.getKey() + ": one pod per shard");
        pod = job.getSpec().getTemplate().getSpec();
      } else {
        continue;
      }
      checkPod(id, e.getKey(), pod, configMap, secretEnvs);
    }
    assertTrue(cronJobs > 0, id + ": CronJobs");
    assertEquals(new TreeSet<>(descriptorFlows(files)), flowsScheduled, id + ": one schedule per flow at least");
  }

  /** What every pod must do: the ConfigMap as environment, secrets as files, limits, non-root. */
  private static void checkPod(
      String id, String file, V1PodSpec pod, V1ConfigMap configMap, Set<String> secretEnvs) {
    String where = id + " " + file;
    assertEquals(1, pod.getContainers().size(), where);
    V1Container container = pod.getContainers().get(0);
    assertEquals(configMap.getMetadata().getName(),
        container.getEnvFrom().get(0).getConfigMapRef().getName(), where);
    assertTrue(pod.getSecurityContext().getRunAsNonRoot(), where);
    assertNotEquals(0L, pod.getSecurityContext().getRunAsUser(), where);
    assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation(), where);
    assertTrue(container.getResources().getRequests().containsKey("memory"), where);
    assertTrue(container.getResources().getRequests().containsKey("cpu"), where);

    V1Volume secrets =
        pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
    V1VolumeMount mount =
        container.getVolumeMounts().stream()
            .filter(m -> m.getName().equals(secrets.getName()))
            .findFirst()
            .orElseThrow();
    assertTrue(mount.getReadOnly(), where);
    Set<String> fileVariables = new TreeSet<>();
    for (V1EnvVar env : container.getEnv()) {
      // A secret's variable never carries the value: only its _FILE twin, naming a mounted file.
      assertFalse(secretEnvs.contains(env.getName()), where + ": " + env.getName() + " set as a value");
      assertTrue(env.getValue().startsWith(mount.getMountPath() + "/"), where + ": " + env.getName());
      assertTrue(env.getValueFrom() == null, where);
      fileVariables.add(env.getName());
    }
    assertTrue(fileVariables.containsAll(Set.of("MCD_INGEST_ID_FILE", "MCD_INGEST_TOKEN_FILE")), where);
  }

  @Test
  void aMisspeltFieldFailsTheValidation() throws Exception {
    SortedMap<String, String> files = DeploymentFiles.render("snowflake");
    String path = "deploy/kubernetes/cronjob-metadata-daily.yaml";
    ObjectNode cronJob = (ObjectNode) DeploymentFiles.singleDocument(path, files.get(path));
    DeploymentFiles.kubernetes(path, DeploymentFiles.yaml(cronJob));

    ObjectNode spec = (ObjectNode) cronJob.get("spec");
    spec.set("concurrencyPolicyy", spec.remove("concurrencyPolicy"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeploymentFiles.kubernetes(path, DeploymentFiles.yaml(cronJob)));
    assertTrue(e.getMessage().contains("`concurrencyPolicyy`"), e.getMessage());

    // Deep in the pod template too.
    ObjectNode misspeltMount = (ObjectNode) DeploymentFiles.singleDocument(path, files.get(path));
    ObjectNode container = containerOf(misspeltMount);
    container.set("volumeMount", container.remove("volumeMounts"));
    e = assertThrows(
        IllegalArgumentException.class,
        () -> DeploymentFiles.kubernetes(path, DeploymentFiles.yaml(misspeltMount)));
    assertTrue(e.getMessage().contains("`volumeMount`"), e.getMessage());
  }

  @Test
  void aMissingRequiredFieldFailsTheValidation() throws Exception {
    SortedMap<String, String> files = DeploymentFiles.render("postgres");
    String path = "deploy/kubernetes/cronjob-metadata-hourly.yaml";
    ObjectNode noSchedule = (ObjectNode) DeploymentFiles.singleDocument(path, files.get(path));
    ((ObjectNode) noSchedule.get("spec")).remove("schedule");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeploymentFiles.kubernetes(path, DeploymentFiles.yaml(noSchedule)));
    assertTrue(e.getMessage().contains("required field `schedule`"), e.getMessage());

    String jobPath = "deploy/kubernetes/job-metadata-sharded.yaml";
    ObjectNode noContainerName = (ObjectNode) DeploymentFiles.singleDocument(jobPath, files.get(jobPath));
    ((ObjectNode) noContainerName.get("spec").get("template").get("spec").get("containers").get(0))
        .remove("name");
    e = assertThrows(
        IllegalArgumentException.class,
        () -> DeploymentFiles.kubernetes(jobPath, DeploymentFiles.yaml(noContainerName)));
    assertTrue(e.getMessage().contains("required field `name`"), e.getMessage());
  }

  @Test
  void aManifestOfAnotherKindOrWithTwoDocumentsIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DeploymentFiles.kubernetes("x.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> DeploymentFiles.kubernetes("x.yaml", "apiVersion: v1\nkind: ConfigMap\n---\nkind: ConfigMap\n"));
  }

  @Test
  void theDagsAreValidPythonAndRunTheCronJobsCommands() throws Exception {
    Path python = DeploymentFiles.python3();
    Assumptions.assumeTrue(
        python != null, "python3 is not on the PATH: the DAG files' syntax is not checked here");
    Map<String, Path> dagFiles = new TreeMap<>();
    for (String id : Descriptors.shippedIds()) {
      String dagPath = "deploy/airflow/" + id.replace('-', '_') + "_push_dag.py";
      String dag = DeploymentFiles.render(id).get(dagPath);
      assertTrue(dag != null, id + ": " + dagPath);
      assertTrue(dag.contains("\"" + DeploymentFiles.DAG_SUMMARY_OPTION + "\""), id);
      assertTrue(dag.contains("/airflow/xcom/return.json"), id + ": the pod's summary is its XCom");
      assertTrue(dag.contains("\"retries\": 2"), id);
      Path dagFile = scratch.resolve(dagPath.substring(dagPath.lastIndexOf('/') + 1));
      Files.writeString(dagFile, dag, StandardCharsets.UTF_8);
      dagFiles.put(id, dagFile);
    }
    // One python3 for all: py_compile raises on a syntax error, naming the file and line.
    Map<Path, Map<String, List<String>>> dags =
        DeploymentFiles.compileDags(python, new ArrayList<>(dagFiles.values()));

    for (Map.Entry<String, Path> dag : dagFiles.entrySet()) {
      Map<String, List<String>> cronJobs = new TreeMap<>();
      for (Map.Entry<String, String> e : DeploymentFiles.render(dag.getKey()).entrySet()) {
        Matcher m = Pattern.compile("deploy/kubernetes/cronjob-(.+)\\.yaml").matcher(e.getKey());
        if (m.matches()) {
          List<String> arguments =
              new ArrayList<>(
                  DeploymentFiles.containerArguments(
                      DeploymentFiles.singleDocument(e.getKey(), e.getValue())));
          // The pods print the summary in their log; the DAG writes it to a file instead.
          assertTrue(arguments.remove("--summary-json"), e.getKey());
          cronJobs.put(m.group(1), arguments);
        }
      }
      assertEquals(cronJobs, new TreeMap<>(dags.get(dag.getValue())), dag.getKey());
    }
  }

  @Test
  void aDagWithASyntaxErrorFailsTheCheck() throws Exception {
    Path python = DeploymentFiles.python3();
    Assumptions.assumeTrue(python != null, "python3 is not on the PATH");
    String dag = DeploymentFiles.render("duckdb").get("deploy/airflow/duckdb_push_dag.py");
    Path broken = scratch.resolve("broken_dag.py");
    Files.writeString(broken, dag.replaceFirst("JOBS = \\[", "JOBS = [["), StandardCharsets.UTF_8);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> DeploymentFiles.compileDags(python, List.of(broken)));
    assertTrue(e.getMessage().contains("broken_dag.py"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void theDockerfileRunsTheShadedJarAsTheManifestsUser(String id) throws Exception {
    SortedMap<String, String> files = DeploymentFiles.render(id);
    String pom = files.get("pom.xml");
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertTrue(finalName.find(), id + ": the shade plugin's finalName");
    String jar = finalName.group(1) + ".jar";

    List<String[]> instructions = DeploymentFiles.dockerfile(files.get("Dockerfile"));
    Map<String, List<String>> byKeyword = new TreeMap<>();
    for (String[] i : instructions) {
      byKeyword.computeIfAbsent(i[0], k -> new ArrayList<>()).add(i[1]);
    }
    assertEquals(List.of("eclipse-temurin:17-jre"), byKeyword.get("FROM"), id + ": a JRE base image");
    assertEquals(List.of("target/" + jar + " /app/" + jar), byKeyword.get("COPY"), id + ": the one jar");
    List<String> entryPoint = DeploymentFiles.execForm(byKeyword.get("ENTRYPOINT").get(0));
    assertEquals("java", entryPoint.get(0), id);
    assertEquals(List.of("-jar", "/app/" + jar), entryPoint.subList(entryPoint.size() - 2, entryPoint.size()), id);
    // Nothing that could carry a secret into a layer: no ARG, no ENV, no ADD.
    for (String keyword : List.of("ARG", "ENV", "ADD")) {
      assertFalse(byKeyword.containsKey(keyword), id + ": " + keyword);
    }
    assertEquals("*\n!target/" + jar, files.get(".dockerignore").lines()
        .filter(l -> !l.startsWith("#")).reduce((a, b) -> a + "\n" + b).orElse(""), id);

    // The last USER is who runs the jar: numeric, not root, and the pods' runAsUser.
    List<String> users = byKeyword.get("USER");
    String user = users.get(users.size() - 1);
    assertTrue(user.matches("[1-9][0-9]*:[1-9][0-9]*"), id + ": USER " + user);
    long uid = Long.parseLong(user.substring(0, user.indexOf(':')));
    int userIndex = indexOf(instructions, "USER");
    assertTrue(userIndex < indexOf(instructions, "ENTRYPOINT"), id + ": USER before ENTRYPOINT");
    for (Object manifest : manifests(files).values()) {
      V1PodSpec pod =
          manifest instanceof V1CronJob c ? c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
              : manifest instanceof V1Job j ? j.getSpec().getTemplate().getSpec()
              : null;
      if (pod != null) {
        assertEquals(uid, pod.getSecurityContext().getRunAsUser(), id);
        assertTrue(pod.getContainers().get(0).getImage().startsWith(finalName.group(1) + ":"), id);
      }
    }
  }

  private static int indexOf(List<String[]> instructions, String keyword) {
    int last = -1;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i)[0].equals(keyword)) {
        last = i;
      }
    }
    return last;
  }

  /** Every deploy/kubernetes/ file, read into its model (which validates it). */
  private static Map<String, Object> manifests(SortedMap<String, String> files) {
    Map<String, Object> manifests = new TreeMap<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      if (e.getKey().startsWith("deploy/kubernetes/")) {
        assertTrue(e.getKey().endsWith(".yaml"), e.getKey());
        manifests.put(e.getKey(), DeploymentFiles.kubernetes(e.getKey(), e.getValue()));
      }
    }
    return manifests;
  }

  /** The flows the project was generated with: those of its collect-and-push programs. */
  private static List<String> descriptorFlows(SortedMap<String, String> files) {
    List<String> flows = new ArrayList<>();
    for (String path : files.keySet()) {
      Matcher m = Pattern.compile("src/main/java/.*/CollectAndPush(\\w+)\\.java").matcher(path);
      if (m.matches()) {
        flows.add(m.group(1).replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
      }
    }
    return flows;
  }

  private static ObjectNode containerOf(JsonNode cronJob) {
    return (ObjectNode)
        cronJob.get("spec").get("jobTemplate").get("spec").get("template").get("spec").get("containers").get(0);
  }
}
