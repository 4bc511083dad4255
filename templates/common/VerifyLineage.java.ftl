<#assign vflow = "lineage">
<#include "/common/verify-program.ftl">