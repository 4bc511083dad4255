<#-- The non-secret settings of every scheduled run, and how to create the Secret. -->
# The settings every run reads from its environment (envFrom in each CronJob and Job); fill in the
# empty values before applying. Secrets are not here: they go into a Secret named
# ${deploy.name}, created from files so that no value is written in a manifest or a shell history:
#
#   kubectl create secret generic ${deploy.name} \
<#list deploy.secretFiles as f>
#     --from-file=${f.key}=<file holding it><#sep> \</#sep>
</#list>
#
# Each key is mounted as a file under ${deploy.secretsDir}, and the runs read it through
# <#list deploy.secretFiles as f>${f.env}<#sep>, </#sep></#list>.
<#if deploy.secretFiles?size gt 2>
# Leave out a key whose setting you do not use, together with its variable in the CronJobs.
</#if>
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${deploy.name}
  labels:
    app.kubernetes.io/name: ${deploy.name}
data:
<#list deploy.config as c>
<#if c.description?has_content>
  # ${c.description?replace("\n", " ")}
</#if>
  <#if c.optional># (optional) </#if>${c.env}: "${c.value?j_string}"
</#list>
