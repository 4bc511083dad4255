<#assign program = "LineageNode">
<#include "/common/graphql-program.ftl">