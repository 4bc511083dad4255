<#assign vflow = "metadata">
<#include "/common/verify-program.ftl">