<#-- The connection settings and authentication methods of a warehouse (descriptor
     connection.settings and connection.auth), shared by the Warehouse templates: the runtime's
     auth package resolves, selects and checks; these macros only render the descriptor's data. -->
<#function optionName s>
  <#return "--" + s.name?replace("_", "-")>
</#function>
<#function fileCheck s>
  <#return (s.file!"none")?replace("-", "_")?upper_case>
</#function>
<#function stringOrNull v>
  <#return v?has_content?then(javaString(v), "null")>
</#function>
<#function stringList names>
  <#local items = []>
  <#list names as n><#local items = items + [javaString(n)]></#list>
  <#return "List.of(" + items?join(", ") + ")">
</#function>
<#function stringMap map>
  <#local items = []>
  <#list map as k, v><#local items = items + [javaString(k) + ", " + javaString(v)]></#list>
  <#return "Map.of(" + items?join(", ") + ")">
</#function>

<#-- Whether a setting's file check is written FileCheck.X (keys use privateKey(...) instead). -->
<#function usesFileCheck>
  <#list d.connection.settings as s>
    <#if s.file?? && s.file != "pkcs8-private-key"><#return true></#if>
  </#list>
  <#return false>
</#function>

<#-- Whether a method logs in itself (kerberos-keytab), or has its driver read the caller's Subject. -->
<#function usesLogin>
  <#list (d.connection.auth.methods)![] as m>
    <#if m.login??><#return true></#if>
  </#list>
  <#return false>
</#function>
<#function usesSubject>
  <#list (d.connection.auth.methods)![] as m>
    <#if m.subject_from_context!false><#return true></#if>
  </#list>
  <#return false>
</#function>

<#-- A setting as Setting.of(name, env) and the withers its declaration needs. -->
<#function settingExpression s>
  <#local e = "Setting.of(" + javaString(s.name) + ", " + javaString(s.env) + ")">
  <#if s.secret!false><#local e = e + ".asSecret()"></#if>
  <#if (s.file!"") == "pkcs8-private-key">
    <#local e = e + ".privateKey(" + stringOrNull(s.passphrase!"") + ")">
  <#elseif s.file??>
    <#local e = e + ".file(FileCheck." + fileCheck(s) + ")">
  </#if>
  <#if s.property??><#local e = e + ".property(" + javaString(s.property) + ")"></#if>
  <#if s.url_parameter??><#local e = e + ".urlParameter(" + javaString(s.url_parameter) + ")"></#if>
  <#return e>
</#function>

<#-- Constant AUTH: the settings and methods as runtime objects. -->
<#macro authConstant>
  /**
   * The connection settings and authentication methods<#if d.connection.auth??> (the first is preferred)</#if>, as
   * {@code ${comment(source)}} declares them<#if (d.connection.auth.methods)??>; see the README's Authentication section</#if>.
   */
  static final Authentication AUTH =
      new Authentication(
          ${stringOrNull((d.connection.auth.env)!)},
          List.of(
<#list d.connection.settings as s>
              ${settingExpression(s)}<#if s?has_next>,<#else>),</#if>
</#list>
<#if (d.connection.auth.methods)??>
          List.of(
<#list d.connection.auth.methods as m>
              new Method(
                  ${javaString(m.name)},
                  ${javaString(m.description)},
                  ${stringList(m.requires![])},
                  ${stringList(m.optional![])},
                  ${stringMap(m.properties!{})},
                  ${stringOrNull(m.url!)},
<#if (m.url_parameters)?has_content || m.login?? || (m.subject_from_context!false)>
                  ${stringMap(m.system_properties!{})},
                  ${stringMap(m.url_parameters!{})},
                  ${stringOrNull(m.login!)},
                  ${(m.subject_from_context!false)?c})<#if m?has_next>,<#else>)<#if (d.connection.url_variants)?has_content>,<#else>);</#if></#if>
<#else>
                  ${stringMap(m.system_properties!{})})<#if m?has_next>,<#else>)<#if (d.connection.url_variants)?has_content>,<#else>);</#if></#if>
</#if>
</#list>
<#else>
          List.of()<#if (d.connection.url_variants)?has_content>,<#else>);</#if>
</#if>
<#if (d.connection.url_variants)?has_content>
          List.of(
<#list d.connection.url_variants as v>
              new Authentication.UrlVariant(${javaString(v.when)}, ${javaString(v.url)})<#if v?has_next>,<#else>));</#if>
</#list>
</#if>
</#macro>

<#-- The options of every setting (secrets also as -file), and --auth. -->
<#macro settingOptions>
<#if (d.connection.auth.methods)??>

    @Option(
        names = "--auth",
        defaultValue = ${javaString(r"${env:" + d.connection.auth.env + "}")},
        description =
            ${picocliString("Authentication method: " + d.connection.auth.methods?map(m -> m.name)?join(", ") + " (env " + d.connection.auth.env + "; default: the one the settings given imply).")})
    private String auth;
</#if>
<#list d.connection.settings as s>

    @Option(
        names = "${optionName(s)}",
        defaultValue = ${javaString(r"${env:" + s.env + (s.default??)?then(":-" + s.default!"", "") + "}")},
        description = ${picocliString((s.description!"") + " (env " + s.env + (s.default??)?then(", default " + (s.default?has_content)?then(s.default, "empty"), "") + ")")})
    private String ${camel(s.name)};
<#if s.secret!false>

    @Option(
        names = "${optionName(s)}-file",
        defaultValue = ${javaString(r"${env:" + s.env + "_FILE}")},
        description = ${picocliString("File holding the value of " + optionName(s) + ", read once, trailing line break removed (env " + s.env + "_FILE).")})
    private String ${camel(s.name)}File;
</#if>
</#list>
</#macro>

<#-- Statements of validate(console): required settings, values resolved, method selected, files checked. -->
<#macro resolveSettings>
<#list d.connection.settings as s>
<#if (s.required!false) && s.required_unless??>
<#assign unless = d.connection.settings?filter(o -> o.name == s.required_unless)?first>
      if ((${camel(s.name)} == null || ${camel(s.name)}.isBlank())
          && (${camel(unless.name)} == null || ${camel(unless.name)}.isBlank())) {
        throw new UsageException(
            "missing ${optionName(s)} (or the environment variable ${s.env}), or ${optionName(unless)} (or ${unless.env})");
      }
<#elseif s.required!false>
      if (${camel(s.name)} == null || ${camel(s.name)}.isBlank()) {
        throw new UsageException("missing ${optionName(s)} (or the environment variable ${s.env})");
      }
</#if>
</#list>
      SettingValues resolved = new SettingValues(spec, console);
<#list d.connection.settings as s>
<#if s.secret!false>
      resolved.secret(AUTH.setting(${javaString(s.name)}), ${camel(s.name)}, ${camel(s.name)}File);
<#else>
      resolved.plain(AUTH.setting(${javaString(s.name)}), ${camel(s.name)});
</#if>
</#list>
      Method selected = AUTH.select(<#if (d.connection.auth.methods)??>auth<#else>null</#if>, resolved.values());
      AUTH.checkFiles(selected, resolved.values());
<#if usesSubject()>
      if (selected.subjectFromContext()) {
        KerberosLogin.checkSubjectFromContext(selected.name());
      }
</#if>
<#if usesLogin()>
      if ("kerberos-keytab".equals(selected.login())) {
        login =
            KerberosLogin.fromKeytab(
                resolved.get("client_principal"),
                Path.of(resolved.get("keytab")),
                AUTH.setting("client_principal").option(),
                AUTH.setting("keytab").option());
      }
</#if>
      values = resolved;
      method = selected;
</#macro>
