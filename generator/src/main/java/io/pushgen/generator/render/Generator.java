package io.pushgen.generator.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.core.UndefinedOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.resources.Resources;
import io.pushgen.runtime.wire.Contract;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders validated descriptors into the files of standalone Maven projects, entirely in memory:
 * Freemarker templates from {@code pushgen/templates}, the runtime sources from
 * {@code pushgen/runtime-src} (package rewritten), a header on every file, normalised white
 * space, and every {@code .java} file parsed with JavaParser. Same inputs, same bytes.
 */
public final class Generator {
  public static final String TEMPLATES = "pushgen/templates";
  public static final String RUNTIME_SRC = "pushgen/runtime-src";
  private static final String RUNTIME_PACKAGE = "io.pushgen.runtime";
  private static final String RUNTIME_FOLDER = "io/pushgen/runtime/";
  private static volatile Map<String, String> RUNTIME_SOURCES;
  private static volatile RuntimeClosure RUNTIME_CLOSURE;

  /** Runtime source texts that parsed, by resource path (see {@link #render}). */
  private static final java.util.Map<String, String> CHECKED_RUNTIME =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * What to generate.
   *
   * @param flows flow ids to generate, or null for every flow the descriptor supports
   * @param strictFlows whether a requested flow the descriptor lacks is an error (otherwise it is
   *     skipped, as for {@code --all})
   * @param packageName the Java package, or null for {@code io.pushgen.<id>}
   * @param logType replaces the descriptor's log_type (needed for query logs when it is null)
   */
  public record Options(List<String> flows, boolean strictFlows, String packageName, String logType) {
    public static Options defaults() {
      return new Options(null, false, null, null);
    }
  }

  private final Configuration freemarker;
  private final String version;
  private final String templates;

  public Generator() {
    this(Version.get());
  }

  /** A generator that writes {@code version} into headers (tests may pin it). */
  public Generator(String version) {
    this(version, TEMPLATES);
  }

  /**
   * A generator reading its templates from another classpath folder (for tests).
   *
   * @param templates e.g. {@code pushgen/templates}
   */
  public Generator(String version, String templates) {
    this.version = version;
    this.templates = templates;
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setTemplateLoader(new ClassTemplateLoader(Generator.class.getClassLoader(), templates));
    c.setDefaultEncoding("UTF-8");
    c.setOutputEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setTimeZone(TimeZone.getTimeZone("UTC"));
    c.setNumberFormat("computer");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setOutputFormat(UndefinedOutputFormat.INSTANCE);
    c.setAutoEscapingPolicy(Configuration.DISABLE_AUTO_ESCAPING_POLICY);
    c.setRecognizeStandardFileExtensions(false);
    c.setLocalizedLookup(false);
    c.setAPIBuiltinEnabled(false);
    c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    this.freemarker = c;
  }

  public String version() {
    return version;
  }

  /** {@code io.pushgen.<id>} with the id's non-identifier characters removed. */
  public static String defaultPackage(String id) {
    StringBuilder sb = new StringBuilder();
    for (char c : id.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        sb.append(c);
      }
    }
    String segment = sb.length() == 0 || Character.isDigit(sb.charAt(0)) ? "w" + sb : sb.toString();
    return "io.pushgen." + segment;
  }

  /** The flows that will be generated for {@code d}: requested ∩ supported, in canonical order. */
  public List<String> selectFlows(LoadedDescriptor d, Options options) throws GenerationException {
    List<String> supported = d.descriptor().flows();
    List<String> selected = new ArrayList<>();
    if (options.flows() != null) {
      for (String flow : options.flows()) {
        if (!Descriptor.FLOWS.contains(flow)) {
          throw new GenerationException("unknown flow '" + flow + "' (flows: "
              + String.join(", ", Descriptor.FLOWS) + ")", true);
        }
        if (!supported.contains(flow) && options.strictFlows()) {
          throw new GenerationException(d.id() + " does not support the " + flow + " flow ("
              + d.source() + " has no '" + flow + "' section; it supports: "
              + String.join(", ", supported) + ")", true);
        }
      }
    }
    for (String flow : Descriptor.FLOWS) {
      if (supported.contains(flow) && (options.flows() == null || options.flows().contains(flow))) {
        selected.add(flow);
      }
    }
    if (selected.isEmpty()) {
      throw new GenerationException("nothing to generate for " + d.id() + ": none of the requested"
          + " flows is supported (it supports: " + String.join(", ", supported) + ")", true);
    }
    String logType = options.logType() != null ? options.logType() : d.descriptor().logType();
    if (options.logType() != null && !Contract.LOG_TYPES.contains(options.logType())) {
      throw new GenerationException("--log-type '" + options.logType() + "' is not a log_type"
          + " Monte Carlo accepts (allowed: " + String.join(", ", Contract.LOG_TYPES) + ")", true);
    }
    if (queryLogsLeftOut(d, options)) {
      // --all, or no --flows: a warehouse whose query logs Monte Carlo cannot take gets its other
      // flows; query_logs asked for by name is refused below.
      selected.remove("query_logs");
    }
    if (selected.contains("query_logs") && logType == null) {
      throw new GenerationException("refusing to generate the query_logs flow for " + d.id()
          + ": its log_type is null, and Monte Carlo only accepts query logs of these log types: "
          + String.join(", ", Contract.LOG_TYPES)
          + ". Pass --log-type TYPE, or leave query_logs out of --flows", true);
    }
    return List.copyOf(selected);
  }

  /**
   * The flows {@link #selectFlows} leaves out without failing: query_logs of a warehouse whose
   * log_type is null (Monte Carlo accepts no query logs for it) when no --log-type is given and
   * the flows were not named.
   */
  public List<String> flowsLeftOut(LoadedDescriptor d, Options options) {
    return queryLogsLeftOut(d, options) ? List.of("query_logs") : List.of();
  }

  private static boolean queryLogsLeftOut(LoadedDescriptor d, Options options) {
    List<String> supported = d.descriptor().flows();
    String logType = options.logType() != null ? options.logType() : d.descriptor().logType();
    return options.flows() == null
        && logType == null
        && supported.contains("query_logs")
        && supported.size() > 1;
  }


  /** Renders one warehouse's project: project-relative path → content, sorted by path. */
  public SortedMap<String, String> render(LoadedDescriptor d, Options options)
      throws GenerationException {
    List<String> flows = selectFlows(d, options);
    String pkg = options.packageName() != null ? options.packageName() : defaultPackage(d.id());
    checkPackage(pkg);
    String pkgPath = "src/main/java/" + pkg.replace('.', '/') + "/";
    String header = Normalizer.headerText(version, d.source());
    String kind = d.descriptor().connection().kind();

    Map<String, Object> descriptorModel = new LinkedHashMap<>(d.model());
    if (options.logType() != null) {
      descriptorModel.put("log_type", options.logType());
    }
    Map<String, Object> base = new HashMap<>(TemplateFunctions.all());
    base.put("d", descriptorModel);
    base.put("pkg", pkg);
    base.put("runtimePkg", pkg + ".runtime");
    base.put("flows", flows);
    base.put("version", version);
    base.put("source", d.source());
    base.put("artifactId", d.id() + "-montecarlo-push");

    SortedMap<String, String> files = new TreeMap<>();
    emit(files, pkgPath + "Warehouse.java", "Warehouse.java", kind, base, header);
    List<String> programs = new ArrayList<>();
    for (String flow : flows) {
      Map<String, Object> model = new HashMap<>(base);
      model.put("flow", flow);
      String pascal = Escapes.pascal(flow);
      // A flow may come from elsewhere than the connection (query logs from log files).
      String flowKind = flowKind(d.descriptor(), flow);
      for (String program : List.of("Collect", "Push", "CollectAndPush")) {
        String file = program + pascal + ".java";
        emit(files, pkgPath + file, file, flowKind, model, header);
        programs.add(program + pascal);
      }
      // After the push: Verify<Flow> checks through the GraphQL API that the push arrived.
      String verify = "Verify" + pascal + ".java";
      if (hasTemplate(kind, verify)) {
        emit(files, pkgPath + verify, verify, kind, model, header);
        programs.add("Verify" + pascal);
      }
    }
    // Lineage and table management through the GraphQL API, in every project.
    for (String program : AFTER_PUSH_PROGRAMS) {
      String file = program + ".java";
      if (hasTemplate(kind, file)) {
        emit(files, pkgPath + file, file, kind, base, header);
        programs.add(program);
      }
    }
    // The preflight check of everything above, in every project whose kind has one.
    if (hasTemplate(kind, CHECK_PROGRAM + ".java")) {
      emit(files, pkgPath + CHECK_PROGRAM + ".java", CHECK_PROGRAM + ".java", kind, base, header);
      programs.add(CHECK_PROGRAM);
    }
    base.put("programs", programs);
    if (hasTemplate(kind, "Main.java")) {
      emit(files, pkgPath + "Main.java", "Main.java", kind, base, header);
    }

    // The runtime: only the classes the programs above reach (RuntimeClosure).
    Set<String> runtime = runtimeClosure().of(files.values(), pkg + ".runtime");
    Set<String> parts = new TreeSet<>();
    for (String rel : runtime) {
      parts.add(rel.substring(0, rel.indexOf('/')));
      files.put(pkgPath + "runtime/" + rel, runtimeFile(rel, pkg, pkgPath));
    }
    base.put("runtimeParts", List.copyOf(parts));
    base.put("runtimeMaven", RuntimeParts.maven(parts));
    base.put("runtimeFileCount", runtime.size());
    emit(files, "pom.xml", "pom.xml", kind, base, header);
    emitDeployment(files, d, flows, kind, base, header);
    emit(files, "README.md", "README.md", kind, base, header);
    return files;
  }

  /**
   * The deployment files (templates/common/Dockerfile.ftl, deploy/): the image recipe, one
   * Kubernetes CronJob per scheduled run with their ConfigMap and a sharded Job, and the Airflow
   * DAGs of the same runs, all from one {@link Deployment} model, which the README reads too.
   * Skipped when the templates have no Dockerfile.
   */
  private void emitDeployment(
      SortedMap<String, String> files,
      LoadedDescriptor d,
      List<String> flows,
      String kind,
      Map<String, Object> base,
      String header)
      throws GenerationException {
    if (!hasTemplate(kind, "Dockerfile")) {
      return; // a template set without deployment files (the generator's own test templates)
    }
    Map<String, Object> deploy =
        Deployment.model(d.descriptor(), flows, (String) base.get("artifactId"));
    base.put("deploy", deploy);
    emit(files, "Dockerfile", "Dockerfile", kind, base, header);
    emit(files, ".dockerignore", "dockerignore", kind, base, header);
    String k8s = "deploy/kubernetes/";
    emit(files, k8s + "configmap.yaml", k8s + "configmap.yaml", kind, base, header);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) deploy.get("jobs");
    for (Map<String, Object> job : jobs) {
      Map<String, Object> model = new HashMap<>(base);
      model.put("job", job);
      emit(files, k8s + "cronjob-" + job.get("name") + ".yaml", k8s + "cronjob.yaml", kind, model, header);
    }
    if (flows.contains("metadata")) {
      emit(files, k8s + "job-metadata-sharded.yaml", k8s + "job-metadata-sharded.yaml", kind, base, header);
    }
    String dag = "deploy/airflow/" + d.id().replace('-', '_') + "_push_dag.py";
    emit(files, dag, "deploy/airflow/dag.py", kind, base, header);
    base.put("dagFile", dag);
  }

  /** The runtime sources by path below the runtime's package folder, read once per JVM. */
  private static Map<String, String> runtimeSources() {
    Map<String, String> sources = RUNTIME_SOURCES;
    if (sources == null) {
      Map<String, String> read = new TreeMap<>();
      for (String rel : Resources.list(RUNTIME_SRC)) {
        if (rel.startsWith(RUNTIME_FOLDER) && rel.endsWith(".java")) {
          try {
            read.put(rel.substring(RUNTIME_FOLDER.length()), Resources.read(RUNTIME_SRC + "/" + rel));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      sources = Map.copyOf(read);
      // The closure first: a thread that sees the sources finds the closure too.
      RUNTIME_CLOSURE = new RuntimeClosure(sources);
      RUNTIME_SOURCES = sources;
    }
    return sources;
  }

  /** Which runtime classes programs reach, over {@link #runtimeSources()}. */
  private static RuntimeClosure runtimeClosure() {
    runtimeSources();
    return RUNTIME_CLOSURE;
  }

  /** One runtime file as copied into the project at {@code pkg}: package renamed, header added. */
  private String runtimeFile(String rel, String pkg, String pkgPath) throws GenerationException {
    String text = runtimeSources().get(rel);
    String path = pkgPath + "runtime/" + rel;
    String content =
        Normalizer.normalize(
            path, text.replace(RUNTIME_PACKAGE, pkg + ".runtime"), Normalizer.runtimeHeaderText(version));
    // Every project gets the same runtime files with another package name (validated above)
    // and the same header: whether one parses depends on its source text only, so each text is
    // parsed once per JVM, not once per warehouse (generate --all spent most of its time here).
    if (!text.equals(CHECKED_RUNTIME.get(rel))) {
      String error = JavaCheck.check(path, content, "runtime/src/main/java/" + RUNTIME_FOLDER + rel, null);
      if (error != null) {
        throw new GenerationException(error);
      }
      CHECKED_RUNTIME.put(rel, text);
    }
    return content;
  }

  /** The flow section's {@code kind}, else the connection's. */
  private static String flowKind(Descriptor d, String flow) {
    String kind = flow.equals("query_logs") ? d.queryLogs().kind() : null;
    return kind != null ? kind : d.connection().kind();
  }

  /**
   * Renders several warehouses into one folder: {@code <id>/...} per warehouse plus an aggregator
   * {@code pom.xml} listing the modules, sorted.
   */
  public SortedMap<String, String> renderAll(List<LoadedDescriptor> descriptors, Options options)
      throws GenerationException {
    SortedMap<String, String> files = new TreeMap<>();
    Set<String> ids = new LinkedHashSet<>();
    List<String> sources = new ArrayList<>();
    for (LoadedDescriptor d : descriptors) {
      if (!ids.add(d.id())) {
        throw new GenerationException("two descriptors have the id '" + d.id() + "'", true);
      }
      sources.add(d.source());
      for (Map.Entry<String, String> e : render(d, options).entrySet()) {
        files.put(d.id() + "/" + e.getKey(), e.getValue());
      }
    }
    List<String> modules = new ArrayList<>(ids);
    modules.sort(null);
    sources.sort(null);
    files.put("pom.xml", aggregatorPom(modules, sources));
    return files;
  }

  private String aggregatorPom(List<String> modules, List<String> sources)
      throws GenerationException {
    String header = Normalizer.headerText(version, String.join(", ", sources));
    String name = "common/aggregator-pom.xml.ftl";
    String text;
    if (Resources.exists(templates + "/" + name)) {
      Map<String, Object> model = new HashMap<>(TemplateFunctions.all());
      model.put("modules", modules);
      model.put("version", version);
      text = process(name, model);
    } else {
      StringBuilder sb = new StringBuilder();
      sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"\n")
          .append("         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
          .append("         xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0"
              + " https://maven.apache.org/xsd/maven-4.0.0.xsd\">\n")
          .append("  <modelVersion>4.0.0</modelVersion>\n")
          .append("  <!-- Builds every generated project; each is also a standalone project. -->\n")
          .append("  <groupId>io.pushgen.samples</groupId>\n")
          .append("  <artifactId>generated-samples</artifactId>\n")
          .append("  <version>").append(Escapes.xml(version)).append("</version>\n")
          .append("  <packaging>pom</packaging>\n")
          .append("  <modules>\n");
      for (String module : modules) {
        sb.append("    <module>").append(Escapes.xml(module)).append("</module>\n");
      }
      sb.append("  </modules>\n").append("</project>\n");
      text = sb.toString();
    }
    return Normalizer.normalize("pom.xml", text, header);
  }

  private static void checkPackage(String pkg) throws GenerationException {
    for (String segment : pkg.split("\\.", -1)) {
      if (!isIdentifier(segment)) {
        throw new GenerationException("'" + pkg + "' is not a valid Java package name", true);
      }
    }
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (char c : s.toCharArray()) {
      if (!Character.isJavaIdentifierPart(c)) {
        return false;
      }
    }
    return !Escapes.isKeyword(s);
  }

  /**
   * Programs every project gets besides its flows' (when the templates have them): custom
   * lineage and push-table management over the GraphQL API.
   */
  static final List<String> AFTER_PUSH_PROGRAMS =
      List.of("LineageNode", "LineageEdge", "DeleteLineageNode", "DeletePushTables");

  /** The preflight program: privileges, visible tables and history, Monte Carlo settings. */
  static final String CHECK_PROGRAM = "Check";

  /** Whether {@link #templateFor} finds a template (optional programs are skipped otherwise). */
  private boolean hasTemplate(String kind, String file) {
    return Resources.exists(templates + "/" + kind + "/" + file + ".ftl")
        || Resources.exists(templates + "/common/" + file + ".ftl");
  }

  /** {@code <kind>/<file>.ftl} when it exists, else {@code common/<file>.ftl}. */
  public String templateFor(String kind, String file) throws GenerationException {
    String specific = kind + "/" + file + ".ftl";
    if (Resources.exists(templates + "/" + specific)) {
      return specific;
    }
    String common = "common/" + file + ".ftl";
    if (Resources.exists(templates + "/" + common)) {
      return common;
    }
    throw new GenerationException("no template for " + file + ": neither templates/" + specific
        + " nor templates/" + common + " exists");
  }

  private void emit(
      SortedMap<String, String> files,
      String path,
      String file,
      String kind,
      Map<String, Object> model,
      String header)
      throws GenerationException {
    String name = templateFor(kind, file);
    String content = Normalizer.normalize(path, process(name, model), header);
    if (path.endsWith(".java")) {
      String templateText;
      try {
        templateText = Resources.read(templates + "/" + name);
      } catch (IOException e) {
        templateText = null;
      }
      String error = JavaCheck.check(path, content, "templates/" + name, templateText);
      if (error != null) {
        throw new GenerationException(error);
      }
    }
    files.put(path, content);
  }

  private String process(String name, Map<String, Object> model) throws GenerationException {
    try {
      Template template = freemarker.getTemplate(name);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (TemplateNotFoundException e) {
      throw new GenerationException("template not found: templates/" + name);
    } catch (ParseException e) {
      throw new GenerationException("templates/" + name + ":" + e.getLineNumber() + ":"
          + e.getColumnNumber() + ": template syntax error: " + oneLine(e.getEditorMessage()));
    } catch (TemplateException e) {
      String where = e.getTemplateSourceName() == null ? name : e.getTemplateSourceName();
      throw new GenerationException("templates/" + where + ":" + e.getLineNumber() + ":"
          + e.getColumnNumber() + ": " + oneLine(e.getMessageWithoutStackTop()));
    } catch (IOException e) {
      throw new GenerationException("cannot read templates/" + name + ": " + e.getMessage(), e);
    }
  }

  /** Freemarker's multi-line messages as one line, without its tips. */
  static String oneLine(String message) {
    if (message == null) {
      return "template error";
    }
    StringBuilder sb = new StringBuilder();
    for (String line : message.split("\n")) {
      String t = line.strip();
      if (t.startsWith("----") || t.startsWith("Tip:") || t.startsWith("FTL stack trace")) {
        break;
      }
      if (!t.isEmpty()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(t);
      }
    }
    return sb.toString();
  }
}
