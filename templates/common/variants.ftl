<#-- Opt-ins (descriptor `options`) and the other forms of queries they select (`variants`):
     the programs' options, the variant constants with their selector, and the expressions that
     pick the chosen form (of a query, its privileges, its empty-result hint). -->

<#-- The descriptor option named `name`. -->
<#function optionNamed name>
  <#list d.options![] as o>
    <#if o.name == name><#return o></#if>
  </#list>
  <#stop "no option " + name>
</#function>

<#-- The options the variants of `queries` (query sections, e.g. d.metadata.tables) use, in the
     descriptor's order. -->
<#function optionsOf queries>
  <#local names = []>
  <#list queries as q>
    <#list q.variants![] as v><#local names = names + [v.option]></#list>
  </#list>
  <#local used = []>
  <#list d.options![] as o>
    <#if names?seq_contains(o.name)><#local used = used + [o]></#if>
  </#list>
  <#return used>
</#function>

<#-- The enum type of a choice option, e.g. Warehouse.HistorySource. -->
<#function optionType o>
  <#return "Warehouse." + pascal(o.name)>
</#function>

<#-- The Java condition under which variant `v` applies, the option's field read through `prefix`
     (e.g. "options." or ""). -->
<#function condition v prefix>
  <#local o = optionNamed(v.option)>
  <#if o.values??>
    <#return prefix + camel(o.name) + " == " + optionType(o) + "." + constant(v.value)>
  <#else>
    <#return prefix + camel(o.name)>
  </#if>
</#function>

<#-- The constant of variant `v` of the query constant `base`, e.g. TABLES_SEGMENT_SIZES. -->
<#function variantConstant base v>
  <#local o = optionNamed(v.option)>
  <#return base + "_" + constant((o.values??)?then(v.value, o.name))>
</#function>

<#-- The constant holding variant `v`'s `field` (privileges, empty_result), e.g.
     TABLES_SEGMENT_SIZES_PRIVILEGES. -->
<#function textConstant base v field>
  <#return variantConstant(base, v) + (field == "privileges")?then("_PRIVILEGES", "_EMPTY")>
</#function>

<#-- An expression that is the constant `fallback` or, when a variant of `query` with a `field`
     applies, that variant's constant (see textConstants). -->
<#function chosenText query base field fallback prefix>
  <#local expression = fallback>
  <#list (query.variants![])?reverse as v>
    <#if v[field]??>
      <#local expression = condition(v, prefix) + " ? " + textConstant(base, v, field) + " : " + expression>
    </#if>
  </#list>
  <#return expression>
</#function>

<#-- The constants of the variants' `field` texts of `query` (query constant `base`). -->
<#macro textConstants query base field what>
<#list query.variants![] as v>
<#if v[field]??>

  /** ${what?cap_first} with {@code --${optionNamed(v.option).name?replace("_", "-")}<#if v.value??> ${v.value}</#if>}. */
  static final String ${textConstant(base, v, field)} =
      ${javaString(v[field])};
</#if>
</#list>
</#macro>

<#-- The queries of `flowList` that may have variants. -->
<#function queriesOf flowList>
  <#local queries = []>
  <#if flowList?seq_contains("metadata") && (d.metadata.tables)??><#local queries = queries + [d.metadata.tables]></#if>
  <#if flowList?seq_contains("query_logs") && (d.query_logs.sql)??><#local queries = queries + [d.query_logs]></#if>
  <#return queries>
</#function>

<#-- The arguments of the selector of `query`: its options' fields through `prefix`. -->
<#function selectorArguments query prefix>
  <#local arguments = []>
  <#list optionsOf([query]) as o><#local arguments = arguments + [prefix + camel(o.name)]></#list>
  <#return arguments?join(", ")>
</#function>

<#-- The query constant `base` read with the options through `prefix`: the selector `method` when
     the query has variants, else the constant itself. -->
<#function chosenSql owner query base method prefix>
  <#if query.variants??>
    <#return owner + method + "(" + selectorArguments(query, prefix) + ")">
  <#else>
    <#return owner + base>
  </#if>
</#function>

<#-- The variant constants of `query` after its constant `base`, and `method`, which picks the form
     the options select. -->
<#macro variantConstants query base method what>
<#if query.variants??>
<#list query.variants as v>

  /**
   * {@link #${base}} as {@code --${optionNamed(v.option).name?replace("_", "-")}<#if v.value??> ${v.value}</#if>} reads it<#if v.docs??>; see
   * ${comment(v.docs?split(" ")?first)}<#else>.</#if>
   */
  static final Sql ${variantConstant(base, v)} =
      Sql.of(
          ${textBlock(v.sql, 10)});
</#list>

  /** The ${what} the options select. */
  static Sql ${method}(<#list optionsOf([query]) as o><#if o.values??>${optionType(o)}<#else>boolean</#if> ${camel(o.name)}<#sep>, </#list>) {
<#list query.variants as v>
    if (${condition(v, "")}) {
      return ${variantConstant(base, v)};
    }
</#list>
    return ${base};
  }
</#if>
</#macro>

<#-- The picocli fields of `opts`: a flag is a boolean (--name, --name=false), a choice its enum. -->
<#macro optionFieldsAt4 opts>
<#list opts as o>

    @Option(
        names = "--${o.name?replace("_", "-")}",
<#if o.values??>
        paramLabel = ${javaString(o.values?join("|"))},
        defaultValue = ${javaString(r"${env:" + o.env + ":-" + o.values[0] + "}")},
        description =
            ${picocliString(o.description)}
                + " Default: ${r"${DEFAULT-VALUE}"} (env ${o.env}).")
    ${optionType(o)} ${camel(o.name)};
<#else>
        arity = "0..1",
        paramLabel = "true|false",
        fallbackValue = "true",
        defaultValue = ${javaString(r"${env:" + o.env + ":-false}")},
        description =
            ${picocliString(o.description)}
                + " Off by default (env ${o.env}=true).")
    boolean ${camel(o.name)};
</#if>
</#list>
</#macro>

<#-- The picocli fields of `opts`, at `indent` (4: in a nested Options class, 2: in a program). -->
<#macro optionFields opts indent=4>
<#local text><@optionFieldsAt4 opts/></#local>
<#if indent == 4>${text}<#else>${text?replace("(?m)^  ", "", "r")}</#if>
</#macro>

<#-- The enum of each choice option among `opts`, for Warehouse. -->
<#macro optionTypes opts>
<#list opts?filter(o -> o.values??) as o>

  /** The values of {@code --${o.name?replace("_", "-")}}, the default first; written in lower case. */
  public enum ${pascal(o.name)} {
<#list o.values as value>
    ${constant(value)}<#sep>,</#sep><#if !value?has_next>;</#if>
</#list>

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
</#list>
</#macro>
