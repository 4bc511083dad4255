<#assign program = "DeleteLineageNode">
<#include "/common/graphql-program.ftl">