<#include "/common/collect-and-push-program.ftl">
