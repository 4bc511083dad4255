// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.lineage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL dialects the lineage engine understands, with their identifier rules.
 *
 * <p>How each engine treats identifiers (what {@link #foldTable} and {@link #foldColumn} do):
 *
 * <ul>
 *   <li>Snowflake: unquoted identifiers are stored and resolved in upper case; double-quoted ones
 *       are case-sensitive and kept exactly ("Identifier requirements" in the Snowflake docs).
 *   <li>PostgreSQL: unquoted names are folded to lower case, quoted names are kept exactly
 *       (PostgreSQL manual, "Identifiers and Key Words").
 *   <li>Redshift: names are case-insensitive and folded to lower case, and by default that holds
 *       for delimited (double-quoted) identifiers too, unless the session sets {@code
 *       enable_case_sensitive_identifier} ("Names and identifiers" in the Redshift docs). The
 *       catalog views the metadata flow reads therefore hold lower-case names.
 *   <li>BigQuery: dataset and table names are case-sensitive, so they are kept as written
 *       (quoted or not); column names are case-insensitive (kept as written, or spelled as the
 *       catalog spells them). A backticked path {@code `project.dataset.table`} is split on its
 *       dots. Double quotes delimit string literals, not identifiers.
 *   <li>Databricks (Unity Catalog) and Hive metastore: catalog, schema and table names are
 *       case-insensitive and stored in lower case, backticked or not; Hive also lower-cases
 *       column names. Double quotes delimit strings.
 *   <li>MySQL: whether table names are case-sensitive depends on the server's {@code
 *       lower_case_table_names} and the file system, so names are kept as written; column names
 *       are case-insensitive. A database is a schema: {@code db.table} has database = schema =
 *       {@code db}. Double quotes delimit strings (without {@code ANSI_QUOTES}).
 *   <li>DuckDB: identifiers are case-insensitive but case-preserving, quoted or not, so they are
 *       kept as written.
 *   <li>T-SQL (SQL Server, Azure SQL, Synapse): names compare by the database's collation,
 *       case-insensitive by default, and are stored as created, so they are kept as written;
 *       {@code [name]} and {@code "name"} (QUOTED_IDENTIFIER ON, the drivers' default) both
 *       delimit identifiers, {@code ]]} inside brackets being one {@code ]}. An unqualified name
 *       resolves in the user's default schema, {@code dbo} unless the user has another.
 *   <li>Trino (and Starburst, Presto): catalog, schema, table and column names are
 *       case-insensitive and the connectors report them in lower case, double-quoted or not
 *       ("Identifiers" in the Trino docs: quoting only allows other characters). Double quotes
 *       delimit identifiers, single quotes strings; backslashes are ordinary characters.
 *   <li>ClickHouse: a database holds tables directly ({@code db.table}: database = schema = {@code
 *       db}); identifiers are case-sensitive and kept as written, unquoted, in backticks or in
 *       double quotes (both delimit identifiers); single quotes delimit strings, in which a
 *       backslash escapes ("Syntax" in the ClickHouse docs). {@code SELECT ... INTO OUTFILE}
 *       writes a file, never a table.
 *   <li>Teradata: databases and users hold tables directly ({@code db.table}); names are not
 *       case-specific (compared ignoring case) and are stored as created, so they are kept as
 *       written; double quotes delimit identifiers, single quotes strings, without backslash
 *       escapes. {@code SELECT ... INTO} assigns host or procedure variables, never a table.
 *   <li>ANSI: the SQL standard folds unquoted identifiers to upper case; Oracle does the same
 *       ("Database Object Names and Qualifiers"), so its views are read as ANSI.
 * </ul>
 */
public enum Dialect {
  SNOWFLAKE("snowflake"),
  BIGQUERY("bigquery"),
  DATABRICKS("databricks"),
  REDSHIFT("redshift"),
  POSTGRES("postgres"),
  MYSQL("mysql"),
  HIVE("hive"),
  DUCKDB("duckdb"),
  TSQL("tsql"),
  TRINO("trino"),
  CLICKHOUSE("clickhouse"),
  TERADATA("teradata"),
  ANSI("ansi");

  private final String id;

  Dialect(String id) {
    this.id = id;
  }

  /** The lower-case id used on command lines and in descriptors. */
  public String id() {
    return id;
  }

  /**
   * The dialect with this id ({@code snowflake}, {@code bigquery}, {@code databricks}, {@code
   * redshift}, {@code postgres}, {@code mysql}, {@code hive}, {@code duckdb}, {@code tsql},
   * {@code trino}, {@code clickhouse}, {@code teradata}, {@code ansi}), case-insensitively.
   *
   * @throws IllegalArgumentException naming the known ids when there is no such dialect
   */
  public static Dialect fromId(String id) {
    if (id != null) {
      String wanted = id.trim().toLowerCase(Locale.ROOT);
      for (Dialect d : values()) {
        if (d.id.equals(wanted)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown SQL dialect '" + id + "'; expected one of "
            + Arrays.stream(values()).map(Dialect::id).collect(Collectors.joining(", ")));
  }

  /**
   * True when names are only two levels deep (database = schema), as in Hive, MySQL, ClickHouse
   * and Teradata.
   */
  boolean twoLevelNames() {
    return this == HIVE || this == MYSQL || this == CLICKHOUSE || this == TERADATA;
  }

  /**
   * False where {@code SELECT ... INTO} never creates a table: MySQL (variables or a file),
   * ClickHouse ({@code INTO OUTFILE}), Teradata (host or procedure variables).
   */
  boolean selectIntoCreatesTable() {
    return this != MYSQL && this != CLICKHOUSE && this != TERADATA;
  }

  /** True when double quotes delimit string literals rather than identifiers. */
  boolean doubleQuotedStrings() {
    return this == BIGQUERY || this == MYSQL || this == HIVE || this == DATABRICKS;
  }

  /** True when {@code [name]} is a delimited identifier (T-SQL), not an array subscript. */
  boolean squareBracketNames() {
    return this == TSQL;
  }

  /** True when {@code {'k': v}} is a struct (DuckDB) or object (Snowflake) literal. */
  boolean braceLiterals() {
    return this == DUCKDB || this == SNOWFLAKE;
  }

  /** True when a backslash escapes the next character inside a string literal. */
  boolean backslashEscapes() {
    return this == SNOWFLAKE || this == BIGQUERY || this == MYSQL || this == HIVE
        || this == DATABRICKS || this == CLICKHOUSE;
  }

  /**
   * A database or schema name given outside SQL (a command line's {@code --default-database}),
   * read as SQL would read it: unquoted it is folded like an unquoted identifier (Snowflake: upper
   * case), in the dialect's quotes it is kept exactly; null or blank stays null.
   */
  public String nameAsWritten(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String s = name.strip();
    boolean quoted = Names.isQuoted(s);
    return foldTable(quoted ? Names.unquote(s) : s, quoted);
  }

  /** A database, schema or table name part as the engine stores it. */
  String foldTable(String part, boolean quoted) {
    switch (this) {
      case SNOWFLAKE:
      case ANSI:
        return quoted ? part : part.toUpperCase(Locale.ROOT);
      case POSTGRES:
        return quoted ? part : part.toLowerCase(Locale.ROOT);
      case REDSHIFT:
      case DATABRICKS:
      case HIVE:
      case TRINO:
        return part.toLowerCase(Locale.ROOT);
      default:
        return part;
    }
  }

  /** A column name as the engine reports it (before any catalog spelling is applied). */
  String foldColumn(String part, boolean quoted) {
    switch (this) {
      case SNOWFLAKE:
      case ANSI:
        return quoted ? part : part.toUpperCase(Locale.ROOT);
      case POSTGRES:
        return quoted ? part : part.toLowerCase(Locale.ROOT);
      case REDSHIFT:
      case HIVE:
      case TRINO:
        return part.toLowerCase(Locale.ROOT);
      default:
        return part;
    }
  }

  /** The default schema when the caller gives none, or null: {@code public} / {@code main}. */
  String implicitSchema() {
    switch (this) {
      case POSTGRES:
      case REDSHIFT:
        return "public";
      case DUCKDB:
        return "main";
      case TSQL:
        return "dbo";
      default:
        return null;
    }
  }
}
