<#assign program = "LineageEdge">
<#include "/common/graphql-program.ftl">