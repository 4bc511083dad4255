<#assign program = "DeletePushTables">
<#include "/common/graphql-program.ftl">