{{- define "conveyor.env" -}}
- name: CONVEYOR_DB_URL
  value: {{ .Values.database.url | quote }}
- name: CONVEYOR_DB_USER
  value: {{ .Values.database.username | quote }}
{{- if .Values.database.existingSecret }}
- name: CONVEYOR_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: password
{{- end }}
- name: CONVEYOR_KAFKA_BOOTSTRAP
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: CONVEYOR_KAFKA_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: CONVEYOR_KAFKA_REPLICATION_FACTOR
  value: {{ .Values.kafka.replicationFactor | quote }}
{{- end -}}
