# ${md(d.name)}

| setting | env | description |
|---|---|---|
<#list d.connection.settings as s>
| `--${s.name}` | ${md(s.env!)} | ${md(s.description!)} |
</#list>
