// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.collect;

import picocli.CommandLine.Option;

/**
 * Which databases, schemas and tables a collection covers, as a picocli mixin: include and
 * exclude lists of glob patterns ({@code *}, {@code ?}), so a customer can split a large account
 * across several scheduled runs. A warehouse's own system objects are skipped separately.
 */
public final class Scope {
  private NamePatterns databases = NamePatterns.parse(null);
  private NamePatterns excludeDatabases = NamePatterns.parse(null);
  private NamePatterns schemas = NamePatterns.parse(null);
  private NamePatterns excludeSchemas = NamePatterns.parse(null);
  private NamePatterns tables = NamePatterns.parse(null);
  private NamePatterns excludeTables = NamePatterns.parse(null);

  @Option(
      names = "--databases",
      paramLabel = "GLOBS",
      description = "Comma-separated glob patterns of databases to collect (default: all).")
  void databases(String globs) {
    databases = NamePatterns.parse(globs);
  }

  @Option(names = "--exclude-databases", paramLabel = "GLOBS", description = "Databases to skip.")
  void excludeDatabases(String globs) {
    excludeDatabases = NamePatterns.parse(globs);
  }

  @Option(
      names = "--schemas",
      paramLabel = "GLOBS",
      description = "Glob patterns of schemas to collect (default: all).")
  void schemas(String globs) {
    schemas = NamePatterns.parse(globs);
  }

  @Option(names = "--exclude-schemas", paramLabel = "GLOBS", description = "Schemas to skip.")
  void excludeSchemas(String globs) {
    excludeSchemas = NamePatterns.parse(globs);
  }

  @Option(
      names = "--tables",
      paramLabel = "GLOBS",
      description = "Glob patterns of tables to collect (default: all).")
  void tables(String globs) {
    tables = NamePatterns.parse(globs);
  }

  @Option(names = "--exclude-tables", paramLabel = "GLOBS", description = "Tables to skip.")
  void excludeTables(String globs) {
    excludeTables = NamePatterns.parse(globs);
  }

  /** The databases {@code --databases} names literally (patterns without wildcards). */
  public java.util.List<String> namedDatabases() {
    return databases.literals();
  }

  /** Whether the database is in scope. */
  public boolean database(String name) {
    return included(name, databases, excludeDatabases);
  }

  /** Whether the table (or view) is in scope, judged by its schema and name. */
  public boolean table(String schema, String name) {
    return included(schema, schemas, excludeSchemas) && included(name, tables, excludeTables);
  }

  private static boolean included(String name, NamePatterns include, NamePatterns exclude) {
    return (include.isEmpty() || include.matches(name)) && !exclude.matches(name);
  }
}
