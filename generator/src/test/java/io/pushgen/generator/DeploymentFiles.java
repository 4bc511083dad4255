package io.pushgen.generator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Job;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.render.Generator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the deployment files of an emitted project (Dockerfile, deploy/kubernetes/*.yaml,
 * deploy/airflow/*.py) the way their consumers do, for the tests: Kubernetes manifests into
 * Kubernetes' own generated API models (client-java), which refuse a field their kind does not
 * have and a missing required one; the DAG file through python3; the Dockerfile by its
 * instructions. {@link #invocations} lists every command line the files run, so that a test can
 * hold them to the commands and options of the compiled jar.
 */
public final class DeploymentFiles {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The option every DAG run adds to its job's arguments (the pod's XCom file or a local file). */
  public static final String DAG_SUMMARY_OPTION = "--summary-file";

  private DeploymentFiles() {}

  private static final Map<String, SortedMap<String, String>> RENDERED = new ConcurrentHashMap<>();

  /**
   * A shipped descriptor's project, rendered with the default options (as the samples are); once
   * per JVM, since rendering is deterministic and the tests only read it.
   */
  public static SortedMap<String, String> render(String id) throws Exception {
    SortedMap<String, String> files = RENDERED.get(id);
    if (files == null) {
      files = Collections.unmodifiableSortedMap(
          new Generator().render(Descriptors.loadShipped(id, null), Generator.Options.defaults()));
      RENDERED.put(id, files);
    }
    return files;
  }

  /** One command line a deployment file runs: the jar's command and its arguments. */
  public record Invocation(String file, List<String> arguments) {
    public String command() {
      return arguments.get(0);
    }

    /** The option names given ({@code --name}, without a {@code =value}). */
    public List<String> options() {
      return arguments.stream()
          .filter(a -> a.startsWith("-"))
          .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
          .toList();
    }
  }

  /**
   * A Kubernetes manifest as its kind's model: exactly one YAML document, with an apiVersion and
   * kind the test knows, read through client-java's {@code fromJson}, which validates the whole
   * tree (unknown fields, required fields) against the Kubernetes API's OpenAPI definitions.
   *
   * @throws IllegalArgumentException naming the file and the model's complaint
   */
  public static Object kubernetes(String path, String yaml) {
    JsonNode document = singleDocument(path, yaml);
    String kind = document.path("kind").asText();
    String apiVersion = document.path("apiVersion").asText();
    String json;
    try {
      json = JSON.writeValueAsString(document);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      return switch (apiVersion + " " + kind) {
        case "batch/v1 CronJob" -> V1CronJob.fromJson(json);
        case "batch/v1 Job" -> V1Job.fromJson(json);
        case "v1 ConfigMap" -> V1ConfigMap.fromJson(json);
        default -> throw new IllegalArgumentException(
            "not a kind these files should hold: " + apiVersion + " " + kind);
      };
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  /** The one YAML document of a manifest, as a tree. */
  public static JsonNode singleDocument(String path, String yaml) {
    try (JsonParser parser = new YAMLFactory().createParser(yaml);
        MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
      List<JsonNode> all = documents.readAll();
      if (all.size() != 1 || !all.get(0).isObject()) {
        throw new IllegalArgumentException(path + ": expected one YAML mapping, got " + all.size() + " document(s)");
      }
      return all.get(0);
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": not YAML: " + e.getMessage(), e);
    }
  }

  /** The YAML text of a tree (for negative tests that change a rendered manifest). */
  public static String yaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The container arguments of a CronJob's or Job's pod template. */
  public static List<String> containerArguments(JsonNode manifest) {
    JsonNode podSpec =
        manifest.path("kind").asText().equals("CronJob")
            ? manifest.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
            : manifest.path("spec").path("template").path("spec");
    List<String> arguments = new ArrayList<>();
    for (JsonNode a : podSpec.path("containers").path(0).path("args")) {
      arguments.add(a.asText());
    }
    return arguments;
  }

  /**
   * Compiles DAG files with python3 ({@code py_compile}, which reports a syntax error with its
   * file and line) and reads each one's JOBS table (job name → arguments) from its syntax tree, in
   * one python3 process for all of them.
   *
   * @return by file: the jobs in the file's order
   */
  public static Map<Path, Map<String, List<String>>> compileDags(Path python, List<Path> dagFiles)
      throws Exception {
    String script =
        "import ast, json, py_compile, sys\n"
            + "out = {}\n"
            + "for path in sys.argv[1:]:\n"
            + "    py_compile.compile(path, cfile=path + 'c', doraise=True)\n"
            + "    tree = ast.parse(open(path, encoding='utf-8').read())\n"
            + "    jobs = [ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)"
            + " and any(getattr(t, 'id', None) == 'JOBS' for t in n.targets)]\n"
            + "    out[path] = [[j['name'], j['arguments']] for j in jobs[0]]\n"
            + "print(json.dumps(out))\n";
    List<String> arguments = new ArrayList<>(List.of("-B", "-c", script));
    dagFiles.forEach(f -> arguments.add(f.toString()));
    JsonNode out = JSON.readTree(python(python, arguments));
    Map<Path, Map<String, List<String>>> dags = new LinkedHashMap<>();
    for (Path file : dagFiles) {
      Map<String, List<String>> jobs = new LinkedHashMap<>();
      for (JsonNode job : out.path(file.toString())) {
        List<String> jobArguments = new ArrayList<>();
        job.get(1).forEach(a -> jobArguments.add(a.asText()));
        jobs.put(job.get(0).asText(), jobArguments);
      }
      dags.put(file, jobs);
    }
    return dags;
  }

  /** Runs python3 with the arguments; its standard output, or an exception with what it printed. */
  public static String python(Path python, List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(python.toString());
    command.addAll(arguments);
    Path out = Files.createTempFile("pushgen-python", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("python3 did not finish within 60 s: " + command);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("python3 exited with " + process.exitValue() + ":\n" + output);
      }
      return output;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** python3 on the PATH, or null when there is none. */
  public static Path python3() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Every command line the project's deployment files run: each CronJob's and Job's container
   * arguments, and each DAG job's arguments with the {@value #DAG_SUMMARY_OPTION} the DAG adds
   * (which the test checks the DAG file really adds).
   */
  public static List<Invocation> invocations(SortedMap<String, String> files, Path python, Path scratch)
      throws Exception {
    List<Invocation> invocations = new ArrayList<>();
    Map<Path, String> dags = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      String path = e.getKey();
      if (path.startsWith("deploy/kubernetes/") && path.endsWith(".yaml")) {
        JsonNode manifest = singleDocument(path, e.getValue());
        if (!manifest.path("kind").asText().equals("ConfigMap")) {
          invocations.add(new Invocation(path, containerArguments(manifest)));
        }
      } else if (path.startsWith("deploy/airflow/") && path.endsWith(".py") && python != null) {
        Path dag = scratch.resolve(path.substring(path.lastIndexOf('/') + 1));
        Files.writeString(dag, e.getValue(), StandardCharsets.UTF_8);
        dags.put(dag, path);
      }
    }
    if (!dags.isEmpty()) {
      for (var dag : compileDags(python, new ArrayList<>(dags.keySet())).entrySet()) {
        for (Map.Entry<String, List<String>> job : dag.getValue().entrySet()) {
          List<String> arguments = new ArrayList<>(job.getValue());
          arguments.addAll(List.of(DAG_SUMMARY_OPTION, "summary.json"));
          invocations.add(new Invocation(dags.get(dag.getKey()) + " " + job.getKey(), arguments));
        }
      }
    }
    return invocations;
  }

  /** The Dockerfile's instructions in order: keyword (upper case) and its text, continuations joined. */
  public static List<String[]> dockerfile(String text) {
    List<String[]> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String stripped = line.strip();
      if (current.length() == 0 && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      Matcher m = Pattern.compile("^([A-Za-z]+)\\s+(.*)$", Pattern.DOTALL).matcher(current.toString());
      if (!m.matches()) {
        throw new IllegalArgumentException("Dockerfile: not an instruction: " + current);
      }
      instructions.add(new String[] {m.group(1).toUpperCase(Locale.ROOT), m.group(2).strip()});
      current.setLength(0);
    }
    return instructions;
  }

  /** An exec-form instruction's array (ENTRYPOINT ["java", ...]). */
  public static List<String> execForm(String argument) throws IOException {
    JsonNode array = JSON.readTree(argument);
    if (!(array instanceof ArrayNode)) {
      throw new IllegalArgumentException("not in exec form (a JSON array): " + argument);
    }
    List<String> parts = new ArrayList<>();
    array.forEach(p -> parts.add(p.asText()));
    return parts;
  }
}
