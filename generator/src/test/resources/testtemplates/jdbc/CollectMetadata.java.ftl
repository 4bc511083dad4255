package ${pkg};

/** JDBC collector for ${comment(d.name)}. */
public final class CollectMetadata {
  static final String KIND = "jdbc";
<#list d.connection.settings as s>
  private String ${camel(s.name)};
</#list>
}
