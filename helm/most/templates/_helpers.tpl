{{/* The release's base name, at most 63 characters as DNS labels allow. */}}
{{- define "most.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "most.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: most
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Labels that select the broker's pods. */}}
{{- define "most.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: broker
{{- end -}}

{{- define "most.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "most.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The headless Service whose DNS A records are the replicas, for JGroups DNS_PING. */}}
{{- define "most.jgroupsService" -}}
{{- printf "%s-jgroups" (include "most.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "most.signingSecret" -}}
{{- default (printf "%s-signing" (include "most.fullname" .)) .Values.signing.existingSecret -}}
{{- end -}}

{{- define "most.identifierSecret" -}}
{{- default (printf "%s-identifiers" (include "most.fullname" .)) .Values.identifierSecrets.existingSecret -}}
{{- end -}}

{{- define "most.clustered" -}}
{{- if eq .Values.state.mode "cluster" -}}true{{- end -}}
{{- end -}}
