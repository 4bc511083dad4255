<#include "/common/push-program.ftl">
