{{/*
Names and labels of the chart's workloads. Every object of a service's role carries
  app.kubernetes.io/name=zhixing, app.kubernetes.io/instance=<release>,
  app.kubernetes.io/component=<service>-<role>, zhixing.court/service, zhixing.court/role
— the monitoring templates' ServiceMonitors and the NetworkPolicies select on them.
*/}}

{{/* The release's prefix of every object name (DNS label, at most 40 characters so that
"<prefix>-<service>-<role>" stays within 63). */}}
{{- define "zhixing.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains "zhixing" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-zhixing" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one role's objects. (dict "root" $ "service" <name> "role" <role>) */}}
{{- define "zhixing.roleName" -}}
{{- printf "%s-%s-%s" (include "zhixing.fullname" .root) .service .role | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The labels every object of the release carries besides those that select it. */}}
{{- define "zhixing.commonLabels" -}}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/part-of: zhixing
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | quote }}
{{- end -}}

{{/* The labels of the release's objects that belong to no one role. */}}
{{- define "zhixing.labels" -}}
{{ include "zhixing.releaseSelector" . }}
{{ include "zhixing.commonLabels" . }}
{{- end -}}

{{/* The labels that select one role's pods (stable across upgrades: no version).
(dict "root" $ "service" <name> "role" <role>) */}}
{{- define "zhixing.selectorLabels" -}}
app.kubernetes.io/name: zhixing
app.kubernetes.io/instance: {{ .root.Release.Name | quote }}
app.kubernetes.io/component: {{ printf "%s-%s" .service .role | quote }}
zhixing.court/service: {{ .service | quote }}
zhixing.court/role: {{ .role | quote }}
{{- end -}}

{{/* Every label of one role's objects. (dict "root" $ "service" <name> "role" <role>) */}}
{{- define "zhixing.roleLabels" -}}
{{ include "zhixing.selectorLabels" . }}
{{ include "zhixing.commonLabels" .root }}
{{- end -}}

{{/* The labels that select every pod of the release (NetworkPolicies). */}}
{{- define "zhixing.releaseSelector" -}}
app.kubernetes.io/name: zhixing
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end -}}

{{/* The image of every container: by digest when one is given (immutable), else by tag. */}}
{{- define "zhixing.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* The service account of a service's pods. */}}
{{- define "zhixing.serviceAccount" -}}
{{- printf "%s-%s" (include "zhixing.fullname" .root) .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* One egress rule: the flow's ports (53 also over UDP) to its pods (by namespace and
labels) and/or address blocks. A flow naming none of them would be "anywhere on those
ports" — an open door for whoever runs code in a pod — so it is refused; whoever means
it writes 0.0.0.0/0 in `cidrs`. (dict "name" <flow> "flow" <its values>) → YAML for fromYaml */}}
{{- define "zhixing.egressRule" -}}
{{- $name := .name -}}
{{- with .flow -}}
{{- if not (or .namespace .podLabels .cidrs) -}}
{{- fail (printf "networkPolicy.%s names no namespace, podLabels or cidrs: egress would go anywhere on its ports; name where it is (0.0.0.0/0 in cidrs if that is really meant)" $name) -}}
{{- end -}}
{{- $ports := list -}}
{{- range .ports -}}
{{- $ports = append $ports (dict "protocol" "TCP" "port" (int .)) -}}
{{- if eq (int .) 53 -}}{{- $ports = append $ports (dict "protocol" "UDP" "port" 53) -}}{{- end -}}
{{- end -}}
{{- $peers := list -}}
{{- if or .namespace .podLabels -}}
{{- $peer := dict -}}
{{- with .namespace -}}{{- $_ := set $peer "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" .)) -}}{{- end -}}
{{- with .podLabels -}}{{- $_ := set $peer "podSelector" (dict "matchLabels" .) -}}{{- end -}}
{{- $peers = append $peers $peer -}}
{{- end -}}
{{- range .cidrs -}}{{- $peers = append $peers (dict "ipBlock" (dict "cidr" .)) -}}{{- end -}}
{{- $rule := dict "ports" $ports -}}
{{- $_ := set $rule "to" $peers -}}
{{- toYaml $rule -}}
{{- end -}}
{{- end -}}

{{/* A role's settings: `roleDefaults.<role>` overridden by the service's own.
(dict "root" $ "role" <role> "values" <the service's role entry>) → YAML to fromYaml */}}
{{- define "zhixing.roleSettings" -}}
{{- $defaults := deepCopy (index .root.Values.roleDefaults .role | default dict) -}}
{{- toYaml (mergeOverwrite $defaults (deepCopy (.values | default dict))) -}}
{{- end -}}

{{/* Settings that each pass the schema but not together: refused at `helm template`
rather than by the server or, worse, at the first drain. */}}
{{- define "zhixing.checks" -}}
{{- /* A role's longest drain after SIGTERM (libs/runtime): the web pages 10 s
(HttpServer.stop), gRPC 5 s (GrpcServer.stop), the loops 30 s (runners.py), after the
API's preStop sleep. Less grace and the kubelet kills it mid-drain. */ -}}
{{- $drain := 45 -}}
{{- $grace := int .Values.settings.terminationGracePeriodSeconds -}}
{{- $preStop := int (.Values.settings.preStopSeconds | default 0) -}}
{{- if lt $grace (add $preStop $drain) -}}
{{- fail (printf "settings.terminationGracePeriodSeconds (%d) must be at least settings.preStopSeconds (%d) + %d, the longest drain of a role after SIGTERM" $grace $preStop $drain) -}}
{{- end -}}
{{- range $service, $spec := .Values.services -}}
{{- range $role, $own := $spec.roles -}}
{{- $r := include "zhixing.roleSettings" (dict "root" $ "role" $role "values" $own) | fromYaml -}}
{{- with $r.autoscaling -}}
{{- if gt (int .minReplicas) (int .maxReplicas) -}}
{{- fail (printf "services.%s.roles.%s: autoscaling.minReplicas (%d) is above maxReplicas (%d) (roleDefaults.%s gives what the service does not)" $service $role (int .minReplicas) (int .maxReplicas) $role) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
