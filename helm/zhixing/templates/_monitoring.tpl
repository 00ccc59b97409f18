{{/*
Owned by the monitoring templates. "zhixing.monitoring.env" gives every container the
OpenTelemetry environment (exporter endpoint, service name, resource attributes).
Called with (dict "root" $ "service" <name> "role" <role>).

Traces go to the collector by OTLP/gRPC (monitoring.otel.endpoint, else this release's
collector); metrics stay Prometheus (/metrics on 9464), so the OTel metrics and logs
exporters are off. With monitoring.otel.enabled false, spans are still made (context
propagates through Kafka) but exported nowhere.
*/}}
{{- define "zhixing.monitoring.env" -}}
{{- $otel := .root.Values.monitoring.otel -}}
- name: OTEL_SERVICE_NAME
  value: {{ printf "zhixing-%s-%s" .service .role | quote }}
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ include "zhixing.monitoring.resourceAttributes" . | quote }}
- name: OTEL_METRICS_EXPORTER
  value: "none"
- name: OTEL_LOGS_EXPORTER
  value: "none"
{{- if $otel.enabled }}
{{- $endpoint := include "zhixing.monitoring.otlpEndpoint" .root }}
- name: OTEL_TRACES_EXPORTER
  value: "otlp"
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $endpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: "grpc"
- name: OTEL_EXPORTER_OTLP_INSECURE
  value: {{ hasPrefix "http://" $endpoint | quote }}
- name: OTEL_TRACES_SAMPLER
  value: "parentbased_traceidratio"
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ $otel.sampleRatio | toString | quote }}
{{- else }}
- name: OTEL_TRACES_EXPORTER
  value: "none"
{{- end }}
{{- end -}}

{{/*
The resource attributes of one role's spans: which service, role, region (monitoring.otel
.region, else the chart's region.name) and pod.
`$(K8S_POD_NAME)` is expanded by the kubelet from the variable defined just before.
*/}}
{{- define "zhixing.monitoring.resourceAttributes" -}}
{{- $otel := .root.Values.monitoring.otel -}}
{{- $region := $otel.region | default ((.root.Values.region | default dict).name) | default "chengdu" -}}
{{- $attributes := dict "service.namespace" "zhixing" "zhixing.service" .service "zhixing.role" .role "cloud.region" $region "k8s.namespace.name" .root.Release.Namespace "k8s.pod.name" "$(K8S_POD_NAME)" -}}
{{- $attributes = merge $attributes ($otel.resourceAttributes | default dict) -}}
{{- $pairs := list -}}
{{- range $key := keys $attributes | sortAlpha -}}
{{- $pairs = append $pairs (printf "%s=%s" $key (get $attributes $key)) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end -}}

{{/* Where roles send their spans: the configured endpoint, else this release's collector. */}}
{{- define "zhixing.monitoring.otlpEndpoint" -}}
{{- $otel := .Values.monitoring.otel -}}
{{- if $otel.endpoint -}}
{{- $otel.endpoint -}}
{{- else if $otel.collector.enabled -}}
{{- printf "http://%s.%s.svc:4317" (include "zhixing.monitoring.collectorName" .) .Release.Namespace -}}
{{- else -}}
{{- fail "monitoring.otel: set otel.endpoint (an OTLP/gRPC collector) or collector.enabled true, or otel.enabled false" -}}
{{- end -}}
{{- end -}}

{{- define "zhixing.monitoring.collectorName" -}}
{{- printf "%s-otel-collector" (include "zhixing.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object the monitoring templates make. */}}
{{- define "zhixing.monitoring.labels" -}}
app.kubernetes.io/name: zhixing
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: zhixing
app.kubernetes.io/component: monitoring
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* The (service, role) pairs of .Values.services (services.<name>.roles.<role>), as
a JSON list of dicts, sorted: one ServiceMonitor each. */}}
{{- define "zhixing.monitoring.targets" -}}
{{- $targets := list -}}
{{- range $service, $spec := .Values.services -}}
{{- range $role, $_ := (get $spec "roles" | default dict) -}}
{{- $targets = append $targets (dict "service" $service "role" $role) -}}
{{- end -}}
{{- end -}}
{{- toJson $targets -}}
{{- end -}}
