{{/*
Owned by the Kafka templates (docs/kafka-on-kubernetes.md). What the suite uses on Kafka
comes from files/kafka-catalogue.yaml, generated from the services' registrations by
scripts/kafka_catalogue.py; sizes and retention come from values.kafka.
*/}}

{{/* The catalogue: topics → class, and who reads and writes what. */}}
{{- define "zhixing.kafka.catalogue" -}}
{{- .Files.Get "files/kafka-catalogue.yaml" -}}
{{- end -}}

{{/* A Kubernetes name for a Kafka name: no underscores, lower case, at most 253. */}}
{{- define "zhixing.kafka.objectName" -}}
{{- . | replace "_" "-" | lower | trunc 253 | trimSuffix "-" | trimSuffix "." -}}
{{- end -}}

{{/* The KafkaUser (and Secret, and SCRAM user) of a principal: (dict "root" $ "principal" <name>). */}}
{{- define "zhixing.kafka.userName" -}}
{{- printf "%s-%s" .root.Release.Name .principal | replace "_" "-" | replace "." "-" | lower | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "zhixing.kafka.labels" -}}
strimzi.io/cluster: {{ .Values.kafka.cluster | quote }}
app.kubernetes.io/name: zhixing
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/component: kafka
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | quote }}
{{- end -}}

{{/* The peer regions whose topics the services read here (region.peers; JSON list). */}}
{{- define "zhixing.kafka.peers" -}}
{{- toJson ((.Values.region | default dict).peers | default list) -}}
{{- end -}}

{{/* The wire name of a contract topic: prefixed by settings.topicNamespace when set
(Settings.topic). */}}
{{- define "zhixing.kafka.wire" -}}
{{- $ns := (.root.Values.settings | default dict).topicNamespace | default "" -}}
{{- if $ns }}{{ printf "%s.%s" $ns .topic }}{{ else }}{{ .topic }}{{ end -}}
{{- end -}}

{{/* A consumer group on the wire: a compacted-topic reader's group names its topic
(`reader.<topic>`, zhixing.messaging.kafka.reader_group), so it takes the namespace too. */}}
{{- define "zhixing.kafka.wireGroup" -}}
{{- if hasPrefix "reader." .group -}}
reader.{{ include "zhixing.kafka.wire" (dict "root" .root "topic" (trimPrefix "reader." .group)) }}
{{- else -}}
{{ .group }}
{{- end -}}
{{- end -}}

{{/* Strimzi's authentication of a KafkaUser. */}}
{{- define "zhixing.kafka.authentication" -}}
authentication:
  type: {{ .Values.kafka.authentication }}
{{- end -}}

{{/*
The ACLs of one principal, least privilege: (dict "root" $ "access" <catalogue entry>
"peers" <the peer regions whose copies it reads>). Topics written: Write; read: Read
(both imply Describe, which `ensure_topics` and the lag probe need); compacted topics
ensured: DescribeConfigs; its consumer groups: Read; a peer region's copy of a topic it
reads (`<region>.<topic>`, made by MirrorMaker 2) with the reader's group. Topic names
are the wire names (settings.topicNamespace). No Create, no AlterConfigs, no cluster
rights: topics are Strimzi's KafkaTopics, and an idempotent producer needs only Write
(Kafka 3+).
*/}}
{{- define "zhixing.kafka.acls" -}}
{{- $root := .root -}}
{{- $access := .access -}}
{{- $ops := dict -}}
{{- range $access.writes }}{{ $t := include "zhixing.kafka.wire" (dict "root" $root "topic" .) }}{{ $_ := set $ops $t (append (get $ops $t | default list) "Write") }}{{ end -}}
{{- range $access.reads }}{{ $t := include "zhixing.kafka.wire" (dict "root" $root "topic" .) }}{{ $_ := set $ops $t (append (get $ops $t | default list) "Read") }}{{ end -}}
{{- range $access.describeConfigs }}{{ $t := include "zhixing.kafka.wire" (dict "root" $root "topic" .) }}{{ $_ := set $ops $t (append (get $ops $t | default list) "DescribeConfigs") }}{{ end -}}
{{- $groups := list -}}
{{- range $access.groups }}{{ $groups = append $groups (include "zhixing.kafka.wireGroup" (dict "root" $root "group" .)) }}{{ end -}}
{{- range $peer := .peers }}
{{- range $access.peerReads }}
{{- $t := printf "%s.%s" $peer (include "zhixing.kafka.wire" (dict "root" $root "topic" .)) }}
{{- $_ := set $ops $t (list "Read") }}
{{- $groups = append $groups (printf "reader.%s" $t) }}
{{- end -}}
{{- end -}}
{{- range $topic := keys $ops | sortAlpha }}
- resource: {type: topic, name: {{ $topic | quote }}, patternType: literal}
  operations: [{{ append (get $ops $topic) "Describe" | uniq | sortAlpha | join ", " }}]
{{- end }}
{{- range $groups | uniq | sortAlpha }}
- resource: {type: group, name: {{ . | quote }}, patternType: literal}
  operations: [Read]
{{- end }}
{{- range $access.groupPrefixes }}
- resource: {type: group, name: {{ . | quote }}, patternType: prefix}
  operations: [Read]
{{- end }}
{{- end -}}

{{/*
"zhixing.kafka.env" gives every container the environment it needs to reach Kafka: the
bootstrap, the security protocol, and its principal's credentials by Secret reference
(zhixing.messaging.kafka_security reads them). The region and its peers are the
workloads' (ZHIXING_REGION, ZHIXING_PEER_REGIONS in zhixing.env). Called with
(dict "root" $ "service" <name>): a registered service, or "operator" for the operator's
commands.
*/}}
{{- define "zhixing.kafka.env" -}}
{{- $root := .root -}}
{{- $kafka := $root.Values.kafka -}}
{{- $catalogue := include "zhixing.kafka.catalogue" $root | fromYaml -}}
{{- if not (or (hasKey $catalogue.services .service) (eq .service "operator")) -}}
{{- fail (printf "zhixing.kafka.env: %q is neither a service of files/kafka-catalogue.yaml nor \"operator\" (run scripts/kafka_catalogue.py generate after registering a service)" .service) -}}
{{- end -}}
{{- if and (eq $kafka.authentication "tls") (not $kafka.tls) -}}
{{- fail "kafka.authentication tls (mutual TLS) needs kafka.tls true" -}}
{{- end -}}
{{- $user := include "zhixing.kafka.userName" (dict "root" $root "principal" .service) }}
- name: ZHIXING_KAFKA_BOOTSTRAP
  value: {{ $kafka.bootstrap | quote }}
{{- if eq $kafka.authentication "tls" }}
- name: ZHIXING_KAFKA_SECURITY_PROTOCOL
  value: "ssl"
- name: ZHIXING_KAFKA_SSL_CERTIFICATE_PEM
  valueFrom: {secretKeyRef: {name: {{ $user | quote }}, key: user.crt}}
- name: ZHIXING_KAFKA_SSL_KEY_PEM
  valueFrom: {secretKeyRef: {name: {{ $user | quote }}, key: user.key}}
{{- else }}
- name: ZHIXING_KAFKA_SECURITY_PROTOCOL
  value: "sasl_ssl"
- name: ZHIXING_KAFKA_SASL_MECHANISM
  value: "SCRAM-SHA-512"
- name: ZHIXING_KAFKA_SASL_USERNAME
  value: {{ $user | quote }}
- name: ZHIXING_KAFKA_SASL_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ $user | quote }}, key: password}}
{{- end }}
{{- if $kafka.tls }}
- name: ZHIXING_KAFKA_SSL_CA_PEM
  valueFrom: {secretKeyRef: {name: {{ printf "%s-cluster-ca-cert" $kafka.cluster | quote }}, key: ca.crt}}
{{- end }}
{{- end -}}
