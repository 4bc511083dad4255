package io.pushgen.generator.render;

import io.pushgen.generator.descriptor.Descriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the deployment files of an emitted project (Dockerfile, Kubernetes manifests, Airflow DAG,
 * the README's section on them) are rendered from, derived once from the descriptor so that every
 * file schedules the same commands: the scheduled jobs with their arguments, the settings that go
 * into the ConfigMap, and the secrets mounted as files.
 */
final class Deployment {
  /** The non-root user the image runs as, and the Kubernetes pods too. */
  static final int USER_ID = 10001;

  /** Where the Secret's files are mounted in a pod. */
  static final String SECRETS_DIR = "/var/run/secrets/pushgen";

  /** Where a pod keeps its manifests and result files (an emptyDir: nothing survives a run). */
  static final String WORK_DIR = "/work";

  /** Where the server's log files are mounted, for flows read from them. */
  static final String LOGS_DIR = "/var/log/warehouse";

  /** The metadata map keys that carry volume or freshness: an hourly light run needs one. */
  private static final Set<String> VOLUME_OR_FRESHNESS =
      Set.of("row_count", "byte_count", "last_update_time");

  /** The number of shards of the Indexed Job example. */
  static final int SHARDS = 4;

  private static final int HOURLY_DEADLINE = 3000;
  private static final int DAILY_DEADLINE = 7200;

  private Deployment() {}

  /**
   * One scheduled run: a Kubernetes CronJob and an Airflow DAG of the same name.
   *
   * @param name kebab-case, e.g. {@code metadata-hourly}
   * @param schedule a cron expression (UTC)
   * @param arguments the jar's command and its options
   * @param description one sentence for the comments
   * @param deadlineSeconds how long a run may take before Kubernetes stops it: less than the
   *     time to the next hourly run, two hours for a daily one
   */
  record Job(
      String name,
      String flow,
      String schedule,
      List<String> arguments,
      String description,
      int deadlineSeconds) {}

  /**
   * An environment variable of the ConfigMap: a non-secret setting; an optional one is listed
   * commented out, so that the file names every setting.
   */
  record Config(String env, String value, String description, boolean optional) {}

  /**
   * A key of the Secret, mounted as a file, and the variable that names that file: {@code
   * <ENV>_FILE} for a secret value, the setting's own variable for a setting that is a file (a
   * private key, a keytab).
   */
  record SecretFile(String key, String env, String description) {
    String path() {
      return SECRETS_DIR + "/" + key;
    }
  }

  /** The model the deployment templates read, under the name {@code deploy}. */
  static Map<String, Object> model(Descriptor d, List<String> flows, String artifactId) {
    Map<String, Object> m = new LinkedHashMap<>();
    String prefix = d.id() + "-push";
    m.put("name", prefix);
    m.put("jar", artifactId + ".jar");
    m.put("image", artifactId + ":1.0.0");
    m.put("userId", USER_ID);
    m.put("secretsDir", SECRETS_DIR);
    m.put("workDir", WORK_DIR);
    m.put("jobs", jobs(d, flows).stream().map(Deployment::map).toList());
    m.put("hourlyMetadata", hourlyMetadata(d));
    m.put("shards", SHARDS);
    m.put("shardedArguments",
        List.of("collect-and-push-metadata", "--shards", String.valueOf(SHARDS)));
    m.put("config", config(d, flows).stream().map(Deployment::map).toList());
    m.put("secretFiles", secretFiles(d).stream().map(Deployment::map).toList());
    String logEnv = logFileEnv(d, flows);
    m.put("logFileEnv", logEnv == null ? "" : logEnv);
    m.put("logFileDefault", logEnv == null ? "" : logFileDefault(d, flows));
    m.put("logsDir", LOGS_DIR);
    return m;
  }

  private static Map<String, Object> map(Job j) {
    return Map.of("name", j.name(), "flow", j.flow(), "schedule", j.schedule(),
        "arguments", j.arguments(), "description", j.description(),
        "deadlineSeconds", j.deadlineSeconds());
  }

  private static Map<String, Object> map(Config c) {
    return Map.of("env", c.env(), "value", c.value(), "description", c.description(),
        "optional", c.optional());
  }

  private static Map<String, Object> map(SecretFile f) {
    return Map.of("key", f.key(), "env", f.env(), "path", f.path(),
        "description", f.description() == null ? "" : f.description());
  }

  /** Whether a metadata run without columns still sends something that changes by the hour. */
  static boolean hourlyMetadata(Descriptor d) {
    if (d.metadata() == null || d.metadata().tables() == null) {
      return false;
    }
    return d.metadata().tables().map().keySet().stream().anyMatch(VOLUME_OR_FRESHNESS::contains);
  }

  /**
   * The scheduled runs of the flows: metadata volume and freshness every hour with the full
   * metadata (fields too) once a day in the hour left out, query logs and windowed lineage every
   * hour over the last complete hour ({@code --window hourly}, no state file), lineage from view
   * definitions alone once a day. Minutes are staggered so the runs of one warehouse do not start
   * together.
   */
  static List<Job> jobs(Descriptor d, List<String> flows) {
    List<Job> jobs = new ArrayList<>();
    List<String> metadata = List.of("collect-and-push-metadata");
    if (flows.contains("metadata") && hourlyMetadata(d)) {
      jobs.add(hourly("metadata-hourly", "metadata", "15 0-1,3-23 * * *",
          List.of("collect-and-push-metadata", "--only-freshness-and-volume"),
          "Row counts, sizes and freshness, without fields, every hour but 02:00 UTC."));
      jobs.add(daily("metadata-daily", "metadata", "15 2 * * *", metadata,
          "Full metadata, fields included, once a day at 02:15 UTC (the hour the hourly run"
              + " leaves out)."));
    } else if (flows.contains("metadata")) {
      jobs.add(daily("metadata-daily", "metadata", "15 2 * * *", metadata,
          "Full metadata once a day at 02:15 UTC. " + d.name() + "'s catalog gives no volume or"
              + " freshness here, so an hourly run would only repeat the table list."));
    }
    if (flows.contains("query_logs")) {
      jobs.add(hourly("query-logs-hourly", "query_logs", "25 * * * *",
          List.of("collect-and-push-query-logs", "--window", "hourly"),
          "Query logs of the last complete hour past the warehouse's latency, every hour."));
    }
    if (flows.contains("lineage") && d.lineage().windowed()) {
      jobs.add(hourly("lineage-hourly", "lineage", "35 * * * *",
          List.of("collect-and-push-lineage", "--window", "hourly"),
          "Lineage of the last complete hour past the warehouse's latency, every hour."));
    } else if (flows.contains("lineage")) {
      jobs.add(daily("lineage-daily", "lineage", "35 3 * * *", List.of("collect-and-push-lineage"),
          "Lineage from the view definitions, a snapshot, once a day at 03:35 UTC."));
    }
    return List.copyOf(jobs);
  }

  private static Job hourly(
      String name, String flow, String schedule, List<String> arguments, String description) {
    return new Job(name, flow, schedule, arguments, description, HOURLY_DEADLINE);
  }

  private static Job daily(
      String name, String flow, String schedule, List<String> arguments, String description) {
    return new Job(name, flow, schedule, arguments, description, DAILY_DEADLINE);
  }

  /**
   * The ConfigMap: every non-secret setting (those neither required, nor used by the scheduled
   * authentication method, nor with a default are optional), the history query's parameters, the
   * log files' location, the method itself, and the Monte Carlo resource uuid.
   */
  static List<Config> config(Descriptor d, List<String> flows) {
    Set<String> used = scheduledSettings(d, false);
    List<Config> config = new ArrayList<>();
    for (Descriptor.Setting s : d.connection().settings()) {
      if (Boolean.TRUE.equals(s.secret()) || s.file() != null) {
        continue;
      }
      boolean needed = Boolean.TRUE.equals(s.required()) || used.contains(s.name());
      String value = s.defaultValue() != null ? s.defaultValue() : "";
      boolean optional = !needed && s.defaultValue() == null;
      config.add(new Config(s.env(), value, describe(s.description(), needed), optional));
    }
    if (d.connection().auth() != null) {
      config.add(new Config(d.connection().auth().env(), d.connection().auth().scheduled().method(),
          "The authentication method for scheduled runs.", false));
    }
    if (flows.contains("query_logs") && d.queryLogs().parameters() != null) {
      for (Descriptor.Parameter p : d.queryLogs().parameters()) {
        config.add(new Config(p.env(), "", describe(p.description(), true), false));
      }
    }
    for (Descriptor.Option o : optIns(d, flows)) {
      // Off by default: listed commented out with the value that turns it on.
      String on = o.flag() ? "true" : o.values().get(1);
      config.add(new Config(o.env(), on, o.description().strip() + " An opt-in, off by default.", true));
    }
    String logEnv = logFileEnv(d, flows);
    if (logEnv != null) {
      config.add(new Config(logEnv, LOGS_DIR,
          "The server's log files, on the volume mounted there (see the CronJobs).", false));
    }
    config.add(new Config("MCD_RESOURCE_UUID", "",
        "The warehouse's resource uuid in Monte Carlo. Set it.", false));
    return List.copyOf(config);
  }

  /** The descriptor's options that select a variant of a query of {@code flows}. */
  private static List<Descriptor.Option> optIns(Descriptor d, List<String> flows) {
    Set<String> used = new java.util.HashSet<>();
    if (flows.contains("metadata") && d.metadata().tables() != null
        && d.metadata().tables().variants() != null) {
      d.metadata().tables().variants().forEach(v -> used.add(v.option()));
    }
    if (flows.contains("query_logs") && d.queryLogs().variants() != null) {
      d.queryLogs().variants().forEach(v -> used.add(v.option()));
    }
    return d.options() == null
        ? List.of()
        : d.options().stream().filter(o -> used.contains(o.name())).toList();
  }

  private static String describe(String description, boolean set) {
    String text = description == null ? "" : description.strip();
    return set ? (text + " Set it.").strip() : text;
  }

  /**
   * The Secret's files: the secrets and files of the scheduled method (every secret setting when
   * the descriptor has no methods), then Monte Carlo's ingestion key, both parts.
   */
  static List<SecretFile> secretFiles(Descriptor d) {
    Set<String> used = scheduledSettings(d, true);
    List<SecretFile> files = new ArrayList<>();
    for (Descriptor.Setting s : d.connection().settings()) {
      boolean secret = Boolean.TRUE.equals(s.secret());
      boolean inScope = d.connection().auth() == null ? secret : used.contains(s.name());
      if (!inScope) {
        continue;
      }
      String key = s.name().replace('_', '-');
      if (secret) {
        files.add(new SecretFile(key, s.env() + "_FILE", s.description()));
      } else if (s.file() != null) {
        files.add(new SecretFile(key, s.env(), s.description()));
      }
    }
    files.add(
        new SecretFile("mcd-ingest-id", "MCD_INGEST_ID_FILE", "Monte Carlo ingestion key id."));
    files.add(
        new SecretFile(
            "mcd-ingest-token", "MCD_INGEST_TOKEN_FILE", "Monte Carlo ingestion key secret."));
    return List.copyOf(files);
  }

  /**
   * The settings the scheduled authentication method requires, and with {@code optional} those
   * it may use too (empty without methods).
   */
  private static Set<String> scheduledSettings(Descriptor d, boolean optional) {
    Set<String> names = new LinkedHashSet<>();
    Descriptor.Auth auth = d.connection().auth();
    if (auth == null) {
      return names;
    }
    for (Descriptor.AuthMethod m : auth.methods()) {
      if (m.name().equals(auth.scheduled().method())) {
        if (m.requires() != null) {
          names.addAll(m.requires());
        }
        if (optional && m.optional() != null) {
          names.addAll(m.optional());
        }
      }
    }
    return names;
  }

  /** The descriptor's default location of the server's log files, or empty. */
  private static String logFileDefault(Descriptor d, List<String> flows) {
    Descriptor.LogFile file =
        flows.contains("query_logs") && "log-file".equals(d.queryLogs().kind())
            ? d.queryLogs().logFile()
            : d.lineage().logFile();
    return file == null || file.defaultValue() == null ? "" : file.defaultValue();
  }

  /**
   * The variable naming the server's log files when a generated flow reads them (query logs or
   * lineage from logs), else null.
   */
  static String logFileEnv(Descriptor d, List<String> flows) {
    Descriptor.LogFile file;
    if (flows.contains("query_logs") && "log-file".equals(d.queryLogs().kind())) {
      file = d.queryLogs().logFile();
    } else if (flows.contains("lineage") && d.lineage().logFormat() != null) {
      file = d.lineage().logFile();
    } else {
      return null;
    }
    // As the programs' --log-file option reads it (templates/common/log-file-options.ftl).
    return file != null && file.env() != null ? file.env() : Escapes.constant(d.id()) + "_LOG_FILE";
  }

}
