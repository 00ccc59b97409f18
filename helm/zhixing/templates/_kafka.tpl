{{/*
Owned by the Kafka templates. "zhixing.kafka.env" gives every container the environment
it needs to reach Kafka (bootstrap, security, credentials by Secret reference).
Called with (dict "root" $ "service" <name>).
*/}}
{{- define "zhixing.kafka.env" -}}
- name: ZHIXING_KAFKA_BOOTSTRAP
  value: {{ .root.Values.kafka.bootstrap | default "zhixing-kafka-bootstrap:9093" | quote }}
{{- end -}}
