<#assign vflow = "query_logs">
<#include "/common/verify-program.ftl">