{{/*
What every pod of the chart shares: Pod Security "restricted" (pod and container
securityContext), the writable emptyDirs, the environment (settings, Secrets by
reference, the Kafka and monitoring includes). All take
(dict "root" $ "service" <name> "role" <role>).
*/}}

{{- define "zhixing.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .root.Values.podSecurity.runAsUser }}
runAsGroup: {{ .root.Values.podSecurity.runAsGroup }}
fsGroup: {{ .root.Values.podSecurity.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "zhixing.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .root.Values.podSecurity.runAsUser }}
runAsGroup: {{ .root.Values.podSecurity.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The only writable places: /tmp and /var/lib/zhixing (the image's contract). */}}
{{- define "zhixing.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .root.Values.podSecurity.tmpSizeLimit }}
- name: var
  emptyDir:
    sizeLimit: {{ .root.Values.podSecurity.varSizeLimit }}
{{- end -}}

{{- define "zhixing.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: var
  mountPath: /var/lib/zhixing
{{- end -}}

{{/* One environment variable from a Secret reference. (list <env name> <ref> <optional>) */}}
{{- define "zhixing.secretEnv" -}}
{{- $name := index . 0 -}}{{- $ref := index . 1 -}}{{- $optional := index . 2 -}}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.name | quote }}
      key: {{ $ref.key | quote }}
      {{- if $optional }}
      optional: true
      {{- end }}
{{- end -}}

{{- define "zhixing.env" -}}
{{- $v := .root.Values -}}
- name: ZHIXING_REGION
  value: {{ $v.region.name | quote }}
{{- with $v.region.peers }}
- name: ZHIXING_PEER_REGIONS
  value: {{ join "," . | quote }}
{{- end }}
- name: ZHIXING_SCHEMA_PREFIX
  value: {{ $v.settings.schemaPrefix | quote }}
{{- with $v.settings.topicNamespace }}
- name: ZHIXING_TOPIC_NAMESPACE
  value: {{ . | quote }}
{{- end }}
- name: ZHIXING_READY_MAX_LAG
  value: {{ $v.settings.readyMaxLag | quote }}
- name: ZHIXING_RELAY_BATCH
  value: {{ $v.settings.relayBatch | quote }}
- name: ZHIXING_SWEEP_SECONDS
  value: {{ $v.settings.sweepSeconds | quote }}
- name: ZHIXING_GRPC_HOST
  value: "0.0.0.0"
- name: ZHIXING_GRPC_PORT
  value: "50051"
- name: ZHIXING_METRICS_PORT
  value: "9464"
{{- with .httpPort }}
- name: ZHIXING_HTTP_PORT
  value: {{ . | quote }}
{{- end }}
{{- range $key, $env := dict "httpBurst" "ZHIXING_HTTP_BURST" "httpRate" "ZHIXING_HTTP_RATE" "httpConnections" "ZHIXING_HTTP_CONNECTIONS" "grpcBurst" "ZHIXING_GRPC_BURST" "grpcRate" "ZHIXING_GRPC_RATE" }}
{{- with index $v.settings.clientLimits $key }}
- name: {{ $env }}
  value: {{ . | quote }}
{{- end }}
{{- end }}
- name: ZHIXING_VAR
  value: /var/lib/zhixing
- name: XDG_STATE_HOME
  value: /var/lib/zhixing/state
- name: XDG_CONFIG_HOME
  value: /etc/zhixing
- name: HOME
  value: /tmp
{{ include "zhixing.secretEnv" (list "ZHIXING_PG_DSN" $v.secrets.postgresDsn false) }}
{{ include "zhixing.secretEnv" (list "ZHIXING_CIPHER_KEY" $v.secrets.cipherKey false) }}
{{ include "zhixing.secretEnv" (list "ZHIXING_CIPHER_OLD_KEYS" $v.secrets.cipherOldKeys true) }}
{{ include "zhixing.secretEnv" (list "ZHIXING_AUDIT_KEYS" $v.secrets.auditKeys false) }}
{{- if eq .role "api" }}
{{ include "zhixing.secretEnv" (list "ZHIXING_JWT_SECRET" $v.secrets.jwtSecret false) }}
{{ include "zhixing.secretEnv" (list "ZHIXING_JWT_OLD_SECRETS" $v.secrets.jwtOldSecrets true) }}
{{- if eq .service "supervision" }}
- name: ZHIXING_COMMAND_DEV_SIGNIN
  value: "0"
{{- end }}
{{- with $v.commandCentre.oidc }}
{{- if and (eq $.service "supervision") .issuer }}
{{- if not (and .clientId .redirectUrl) }}
{{- fail "commandCentre.oidc: an issuer needs clientId and redirectUrl (https://<host>/command/oidc/callback)" }}
{{- end }}
- name: ZHIXING_OIDC_ISSUER
  value: {{ .issuer | quote }}
- name: ZHIXING_OIDC_CLIENT_ID
  value: {{ .clientId | quote }}
{{ include "zhixing.secretEnv" (list "ZHIXING_OIDC_CLIENT_SECRET" .clientSecret false) }}
- name: ZHIXING_OIDC_REDIRECT_URL
  value: {{ .redirectUrl | quote }}
- name: ZHIXING_OIDC_ROLE_CLAIM
  value: {{ .roleClaim | quote }}
- name: ZHIXING_OIDC_COURT_CLAIM
  value: {{ .courtClaim | quote }}
- name: ZHIXING_OIDC_TEAM_CLAIM
  value: {{ .teamClaim | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- include "zhixing.kafka.env" (dict "root" .root "service" .service) | nindent 0 }}
{{- include "zhixing.monitoring.env" (dict "root" .root "service" .service "role" .role) | nindent 0 }}
{{- end -}}

{{/* The container of a role or a Job: image, command, security, env, writable dirs. */}}
{{- define "zhixing.container" -}}
- name: {{ .role }}
  image: {{ include "zhixing.image" .root | quote }}
  imagePullPolicy: {{ .root.Values.image.pullPolicy }}
  args: {{ toJson .args }}
  securityContext:
    {{- include "zhixing.containerSecurityContext" . | nindent 4 }}
  env:
    {{- include "zhixing.env" . | nindent 4 }}
  volumeMounts:
    {{- include "zhixing.volumeMounts" . | nindent 4 }}
  resources:
    {{- toYaml .resources | nindent 4 }}
{{- end -}}

{{/* The pod-level fields every pod shares. */}}
{{- define "zhixing.podCommon" -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- include "zhixing.podSecurityContext" . | nindent 2 }}
{{- with .root.Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . | quote }}
  {{- end }}
{{- end }}
{{- with .root.Values.scheduling.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  {{- include "zhixing.volumes" . | nindent 2 }}
{{- end -}}
