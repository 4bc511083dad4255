// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.lineage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.schema.Table;

/** Resolves table names to database, schema and table with a dialect's rules and defaults. */
final class Names {
  private final Dialect dialect;
  private final Catalog catalog;
  private final String defaultDatabase;
  private final String defaultSchema;

  /**
   * @param catalog known tables, to complete names the defaults leave incomplete
   * @param defaultDatabase the session's database, spelled as the warehouse stores it
   * @param defaultSchema the session's schema, spelled as the warehouse stores it
   */
  Names(Dialect dialect, Catalog catalog, String defaultDatabase, String defaultSchema) {
    this.dialect = dialect;
    this.catalog = catalog;
    this.defaultDatabase = blankToNull(defaultDatabase);
    String schema = blankToNull(defaultSchema);
    this.defaultSchema = schema != null ? schema : dialect.implicitSchema();
    this.implicitSchema = schema == null && this.defaultSchema != null;
  }

  /** True when the default schema is the dialect's ({@code public}), not the session's. */
  private final boolean implicitSchema;

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Name parts, outermost first, each already folded. */
  static final class Parts {
    final List<String> folded = new ArrayList<>();

    int size() {
      return folded.size();
    }

    String last() {
      return folded.get(folded.size() - 1);
    }
  }

  static boolean isQuoted(String raw) {
    return raw.length() >= 2
        && (raw.charAt(0) == '"' && raw.endsWith("\"")
            || raw.charAt(0) == '`' && raw.endsWith("`")
            || raw.charAt(0) == '[' && raw.endsWith("]"));
  }

  static String unquote(String raw) {
    char q = raw.charAt(0);
    String inner = raw.substring(1, raw.length() - 1);
    if (q == '"') {
      return inner.replace("\"\"", "\"");
    }
    if (q == '`') {
      return inner.replace("``", "`");
    }
    return inner.replace("]]", "]");
  }

  /** JSqlParser lists name parts innermost first; this returns them outermost first. */
  static List<String> reversed(List<String> parts) {
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isEmpty()) {
        out.add(p);
      }
    }
    Collections.reverse(out);
    return out;
  }

  Parts parts(Table t) {
    return parts(reversed(t.getNameParts()));
  }

  /** Folds raw parts (quoted or not); a quoted part holding dots (BigQuery paths) is split. */
  Parts parts(List<String> raw) {
    Parts p = new Parts();
    for (String r : raw) {
      if (isQuoted(r)) {
        String inner = unquote(r);
        if (dialect == Dialect.BIGQUERY && r.charAt(0) == '`' && inner.contains(".")) {
          for (String piece : inner.split("\\.", -1)) {
            p.folded.add(dialect.foldTable(piece, true));
          }
        } else {
          p.folded.add(dialect.foldTable(inner, true));
        }
      } else {
        p.folded.add(dialect.foldTable(r, false));
      }
    }
    return p;
  }

  TableName table(Table t) {
    return resolve(parts(t));
  }

  /**
   * Completes one-, two- and three-part names from the defaults; a part the defaults leave
   * unknown is taken from the catalog when exactly one known table matches the rest. BigQuery
   * partition decorators and date shards are folded to their table (see {@link #bigQueryTable}).
   */
  TableName resolve(Parts parts) {
    List<String> f = parts.folded;
    int n = f.size();
    String table = f.get(n - 1);
    if (dialect == Dialect.BIGQUERY) {
      table = bigQueryTable(table);
    }
    TableName resolved;
    if (dialect.twoLevelNames()) {
      // Hive and MySQL: db.table (a Spark-style catalog.db.table keeps db); database = schema.
      String db = n >= 2 ? f.get(n - 2) : defaultSchema != null ? defaultSchema : defaultDatabase;
      resolved = new TableName(db, db, table);
    } else if (n == 1) {
      resolved = new TableName(defaultDatabase, defaultSchema, table);
    } else if (n == 2) {
      // schema.table everywhere (Snowflake's two-part name is schema-qualified, never db.table).
      resolved = new TableName(defaultDatabase, f.get(0), table);
    } else {
      resolved = new TableName(f.get(n - 3), f.get(n - 2), table);
    }
    if (resolved.database() == null || resolved.schema() == null) {
      TableName known = catalog.complete(resolved);
      if (known != null) {
        return known;
      }
    } else if (n == 1 && implicitSchema && catalog.columns(resolved).isEmpty()) {
      // Not in public/main: the search path held another schema; the catalog may know which.
      TableName known =
          catalog.complete(new TableName(resolved.database(), null, resolved.table()));
      if (known != null) {
        return known;
      }
    }
    return resolved;
  }

  /** A date shard's suffix: {@code _YYYYMMDD} (years 1900-2199). */
  private static final Pattern SHARD =
      Pattern.compile("_(?:19|20|21)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])$");

  /**
   * The BigQuery table a name stands for: a partition decorator is dropped ({@code t$20240101},
   * {@code t$__UNPARTITIONED__} are {@code t}), and a date-sharded table ({@code
   * events_20240101}) or a wildcard over shards ({@code events_*}, {@code events_2024*}) is the
   * shards' base name ({@code events}), the one table the shards form.
   */
  static String bigQueryTable(String name) {
    String t = name;
    int decorator = t.indexOf('$');
    if (decorator > 0) {
      t = t.substring(0, decorator);
    }
    int star = t.indexOf('*');
    if (star > 0) {
      t = t.substring(0, star);
      int underscore = t.lastIndexOf('_');
      if (underscore > 0 && t.substring(underscore + 1).chars().allMatch(Character::isDigit)) {
        t = t.substring(0, underscore); // events_2024* -> events
      }
      return t.endsWith("_") && t.length() > 1 ? t.substring(0, t.length() - 1) : t;
    }
    Matcher shard = SHARD.matcher(t);
    if (shard.find() && shard.start() > 0) {
      return t.substring(0, shard.start());
    }
    return t;
  }

  /** A Snowflake stage reference {@code @db.schema.stage/path}: the stage, resolved like a table. */
  TableName stage(String text) {
    String s = text.startsWith("@") ? text.substring(1) : text;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    if (s.isEmpty() || s.startsWith("~") || s.startsWith("%")) {
      return new TableName(defaultDatabase, defaultSchema, "@" + s);
    }
    List<String> raw = new ArrayList<>();
    for (String piece : splitDotted(s)) {
      raw.add(piece);
    }
    return resolve(parts(raw));
  }

  /** Splits on dots outside double quotes and backticks. */
  static List<String> splitDotted(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        cur.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '`') {
        quote = c;
        cur.append(c);
      } else if (c == '.') {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }

  /** Redshift (and SQL Server style) {@code #name} tables are session temporary tables. */
  boolean isHashTemp(Table t) {
    return t.getName() != null && t.getName().startsWith("#");
  }

  String defaultDatabase() {
    return defaultDatabase;
  }

  String defaultSchema() {
    return defaultSchema;
  }
}
