package ${pkg};

import java.util.List;
import java.util.Map;

/** ${comment(d.name)} from ${comment(source)}. */
public final class Warehouse {
  private Warehouse() {}

  public static final String ID = ${javaString(d.id)};
  public static final String NAME = ${javaString(d.name)};
  public static final String URL = ${javaString(d.connection.url!)};
  public static final int BATCH_SIZE = ${d.batch_size.metadata};
  public static final String LOG_TYPE = <#if d.log_type??>${javaString(d.log_type)}<#else>null</#if>;
  public static final List<String> FLOWS = List.of(<#list flows as f>${javaString(f)}<#sep>, </#list>);

  // Databases query


  public static final String DATABASES_SQL = ${textBlock(d.metadata.databases.sql, 6)};
  public static final String TABLES_SQL = ${textBlock(d.metadata.tables.sql, 6)};
  public static final String COLUMNS_SQL = ${textBlock(d.metadata.columns.sql, 6)};

  public static final class Settings {
    private Settings() {}
<#list d.connection.settings as s>

    /** ${comment(s.description!)} */
    public static final String ${constant(s.name)} = ${javaString(s.name)};
    public static final String ${constant(s.name)}_DESCRIPTION = ${javaString(s.description!)};
    public static final String ${constant(s.name)}_DEFAULT = <#if s.default??>${javaString(s.default)}<#else>null</#if>;
</#list>
  }

  public static final Map<String, String> TABLE_TYPES = Map.ofEntries(
<#list d.table_types.map as k, v>
      Map.entry(${javaString(k)}, ${javaString(v)})<#sep>,</#sep>
</#list>
  );
  public static final List<String> SKIP_SCHEMAS = List.of(<#list (d.skip.schemas)![] as s>${javaString(s)}<#sep>, </#list>);
}
