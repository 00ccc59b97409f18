{{/*
Owned by the monitoring templates. "zhixing.monitoring.env" gives every container the
OpenTelemetry environment (exporter endpoint, service name, resource attributes).
Called with (dict "root" $ "service" <name> "role" <role>).
*/}}
{{- define "zhixing.monitoring.env" -}}
- name: OTEL_SERVICE_NAME
  value: {{ printf "zhixing-%s-%s" .service .role | quote }}
{{- end -}}
