{{/* Names, labels and images. */}}

{{- define "conveyor.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "conveyor.chartLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: conveyor
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector labels of one component; worker pools add their pool. Args: root, component, pool (optional). */}}
{{- define "conveyor.selectorLabels" -}}
app.kubernetes.io/name: conveyor-{{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .pool }}
conveyor.dev/pool: {{ . }}
{{- end }}
{{- end -}}

{{- define "conveyor.labels" -}}
{{ include "conveyor.chartLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{ include "conveyor.selectorLabels" . }}
{{- end -}}

{{/* Image of a service. Args: root, image (conveyor-frontend, ...). */}}
{{- define "conveyor.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .image (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{- define "conveyor.credentialsSecret" -}}
{{- printf "%s-credentials" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "conveyor.configMap" -}}
{{- printf "%s-config" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The actuator port: managementPort when set, else the application port. Arg: a component's values. */}}
{{- define "conveyor.managementPort" -}}
{{- if .managementPort -}}{{ .managementPort }}{{- else -}}{{ .port }}{{- end -}}
{{- end -}}

{{- define "conveyor.managementPortName" -}}
{{- if and .managementPort (ne (int .managementPort) (int .port)) -}}management{{- else -}}http{{- end -}}
{{- end -}}

{{/*
Seconds of a duration value as the services write them (30s, 5m, 1h). The chart needs the number to
derive the termination grace period and the autoscaler's cooldown, so it accepts only these forms.
*/}}
{{- define "conveyor.seconds" -}}
{{- $text := toString . -}}
{{- if not (regexMatch "^[0-9]+(s|m|h)$" $text) -}}
{{- fail (printf "%q is not a duration the chart understands: write it as 30s, 5m or 1h" $text) -}}
{{- end -}}
{{- $amount := regexFind "^[0-9]+" $text | atoi -}}
{{- $unit := regexReplaceAll "^[0-9]+" $text "" -}}
{{- mul $amount (get (dict "s" 1 "m" 60 "h" 3600) $unit) -}}
{{- end -}}

{{/* Merges src into dst, nested maps key by key; false, 0 and null in src win too (unlike mergeOverwrite). */}}
{{- define "conveyor.mergeInto" -}}
{{- $dst := .dst -}}
{{- range $key, $value := .src -}}
{{- if and (kindIs "map" $value) (kindIs "map" (get $dst $key)) -}}
{{- include "conveyor.mergeInto" (dict "dst" (get $dst $key) "src" $value) -}}
{{- else -}}
{{- $_ := set $dst $key $value -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Kafka's bootstrap servers as KEDA's operator sees them: it runs in its own namespace, so a short
Service name (kafka:9092) is qualified with the release's namespace.
*/}}
{{- define "conveyor.qualifiedHost" -}}
{{- $host := .host -}}
{{- if contains "." $host -}}{{ $host }}{{- else -}}{{ printf "%s.%s.svc" $host .namespace }}{{- end -}}
{{- end -}}

{{- define "conveyor.kedaBootstrapServers" -}}
{{- $servers := list -}}
{{- range splitList "," .Values.kafka.bootstrapServers -}}
{{- $parts := splitList ":" (trim .) -}}
{{- $host := include "conveyor.qualifiedHost" (dict "host" (first $parts) "namespace" $.Release.Namespace) -}}
{{- $servers = append $servers (join ":" (prepend (rest $parts) $host)) -}}
{{- end -}}
{{- join "," $servers -}}
{{- end -}}

{{- define "conveyor.jdbcUrl" -}}
{{- with .Values.database -}}
{{- printf "jdbc:postgresql://%s:%v/%s?sslmode=%s" .host .port .name .sslmode -}}
{{- end -}}
{{- end -}}

{{- define "conveyor.kafkaSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol -}}true{{- end -}}
{{- end -}}

{{/* Where the job store password comes from: {"name": secret, "key": key}. */}}
{{- define "conveyor.databasePasswordRef" -}}
{{- if .Values.database.existingSecret -}}
{{- dict "name" .Values.database.existingSecret "key" .Values.database.existingSecretPasswordKey | toJson -}}
{{- else if .Values.database.password -}}
{{- dict "name" (include "conveyor.credentialsSecret" .) "key" "database-password" | toJson -}}
{{- else -}}
{{- fail "database: set password (kept in the chart's Secret) or existingSecret (a Secret you manage)" -}}
{{- end -}}
{{- end -}}

{{- define "conveyor.kafkaCredentialRefs" -}}
{{- with .Values.kafka.sasl -}}
{{- if .existingSecret -}}
{{- dict "username" (dict "name" .existingSecret "key" .existingSecretUsernameKey) "password" (dict "name" .existingSecret "key" .existingSecretPasswordKey) | toJson -}}
{{- else if and .username .password -}}
{{- $secret := include "conveyor.credentialsSecret" $ -}}
{{- dict "username" (dict "name" $secret "key" "kafka-username") "password" (dict "name" $secret "key" "kafka-password") | toJson -}}
{{- else -}}
{{- fail (printf "kafka.securityProtocol is %s: set kafka.sasl.username and password, or kafka.sasl.existingSecret" $.Values.kafka.securityProtocol) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The worker pools with everything derived from them, as JSON {"pools": [...]}: each pool is
worker.defaults merged with the pool's own keys, plus
  deployment, group, topics, partitions, graceSeconds, cooldownSeconds, warehouse (the effective one)
  and warehousePasswordRef.
Rules that JSON Schema cannot express fail the render here, naming the pool.
*/}}
{{- define "conveyor.pools" -}}
{{- $root := . -}}
{{- $pools := list -}}
{{- $names := dict -}}
{{- $topicOwners := dict -}}
{{- $several := gt (len .Values.worker.pools) 1 -}}
{{- range $declared := .Values.worker.pools -}}
{{- $pool := deepCopy $root.Values.worker.defaults -}}
{{- include "conveyor.mergeInto" (dict "dst" $pool "src" (deepCopy $declared)) -}}
{{- $name := $pool.name -}}
{{- if hasKey $names $name -}}{{- fail (printf "worker.pools: two pools are named %q" $name) -}}{{- end -}}
{{- $_ := set $names $name true -}}
{{- $_ := set $pool "deployment" (include "conveyor.name" (dict "root" $root "component" (printf "worker-%s" $name))) -}}
{{- $_ := set $pool "group" ($pool.group | default (printf "conveyor-workers-%s" $name)) -}}
{{- $jobTypes := $pool.jobTypes | default list -}}
{{- $topics := list -}}
{{- if $pool.topic -}}
{{- $topics = append $topics $pool.topic -}}
{{- else -}}
{{- range $jobTypes -}}{{- $topics = append $topics (printf "conveyor.jobs.%s" .) -}}{{- end -}}
{{- end -}}
{{- $topics = concat $topics ($pool.extraTopics | default list) | uniq -}}
{{- if and $several (empty $topics) -}}
{{- fail (printf "worker pool %q: with several pools each one names its jobTypes (or topic/extraTopics); otherwise it would consume every other pool's topics too" $name) -}}
{{- end -}}
{{- range $topics -}}
{{- if hasKey $topicOwners . -}}
{{- fail (printf "worker pools %q and %q both consume topic %s: a topic belongs to one pool" (get $topicOwners .) $name .) -}}
{{- end -}}
{{- $_ := set $topicOwners . $name -}}
{{- end -}}
{{- $_ := set $pool "topics" $topics -}}
{{- $_ := set $pool "partitions" (int ($pool.partitions | default $root.Values.kafka.partitions)) -}}
{{- $heartbeat := include "conveyor.seconds" $pool.heartbeatInterval | int -}}
{{- $drain := include "conveyor.seconds" $pool.drainTimeout | int -}}
{{- $margin := include "conveyor.seconds" $pool.terminationMargin | int -}}
{{- $grace := add $drain $heartbeat $margin -}}
{{- $_ := set $pool "graceSeconds" $grace -}}
{{- $scaling := $pool.autoscaling -}}
{{- $cooldown := int ($scaling.cooldownPeriod | default (add $grace 60)) -}}
{{- $_ := set $pool "cooldownSeconds" $cooldown -}}
{{- if $scaling.enabled -}}
{{- if gt (int $scaling.maxReplicas) (int $pool.partitions) -}}
{{- fail (printf "worker pool %q: autoscaling.maxReplicas %v is above its topics' %v partitions; a consumer without a partition idles (raise kafka.partitions or the pool's partitions)" $name $scaling.maxReplicas $pool.partitions) -}}
{{- end -}}
{{- if gt (int $scaling.minReplicas) (int $scaling.maxReplicas) -}}
{{- fail (printf "worker pool %q: autoscaling.minReplicas %v is above maxReplicas %v" $name $scaling.minReplicas $scaling.maxReplicas) -}}
{{- end -}}
{{- if le $cooldown $grace -}}
{{- fail (printf "worker pool %q: autoscaling.cooldownPeriod %v s must be above the termination grace period of %v s (drain timeout + heartbeat + margin)" $name $cooldown $grace) -}}
{{- end -}}
{{- if empty $topics -}}
{{- fail (printf "worker pool %q: autoscaling needs the pool's jobTypes (or topic/extraTopics) for its Kafka trigger" $name) -}}
{{- end -}}
{{- if and $scaling.jobsTrigger.enabled $several (empty $jobTypes) -}}
{{- fail (printf "worker pool %q: the jobs trigger counts the pool's jobs by type: set jobTypes or autoscaling.jobsTrigger.enabled=false" $name) -}}
{{- end -}}
{{- end -}}
{{- $warehouse := deepCopy $root.Values.warehouse -}}
{{- include "conveyor.mergeInto" (dict "dst" $warehouse "src" ($pool.warehouse | default dict)) -}}
{{- $_ := set $pool "warehouse" $warehouse -}}
{{- if $warehouse.existingSecret -}}
{{- $_ := set $pool "warehousePasswordRef" (dict "name" $warehouse.existingSecret "key" $warehouse.existingSecretPasswordKey) -}}
{{- else if $warehouse.password -}}
{{- $_ := set $pool "warehousePasswordRef" (dict "name" (include "conveyor.credentialsSecret" $root) "key" (printf "warehouse-password-%s" $name)) -}}
{{- end -}}
{{- $pools = append $pools $pool -}}
{{- end -}}
{{- dict "pools" $pools | toJson -}}
{{- end -}}

{{/* Routes the scheduler and the frontend use: scheduler.routes plus every pool's jobTypes -> topic. */}}
{{- define "conveyor.routes" -}}
{{- $routes := deepCopy .Values.scheduler.routes -}}
{{- range .Values.worker.pools -}}
{{- $pool := . -}}
{{- if .topic -}}
{{- range .jobTypes -}}
{{- if and (hasKey $routes .) (ne (get $routes .) $pool.topic) -}}
{{- fail (printf "job type %q is routed to %s by scheduler.routes but worker pool %q consumes it from %s" . (get $routes .) $pool.name $pool.topic) -}}
{{- end -}}
{{- $_ := set $routes . $pool.topic -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $routes | toJson -}}
{{- end -}}

{{/* Environment every service shares: the job store, Kafka and the mounted configuration. */}}
{{- define "conveyor.commonEnv" -}}
{{- $db := include "conveyor.databasePasswordRef" . | fromJson -}}
- name: CONVEYOR_DB_URL
  value: {{ include "conveyor.jdbcUrl" . | quote }}
- name: CONVEYOR_DB_USER
  value: {{ .Values.database.username | quote }}
- name: CONVEYOR_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.name }}
      key: {{ $db.key }}
- name: CONVEYOR_KAFKA_BOOTSTRAP
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: CONVEYOR_KAFKA_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: CONVEYOR_KAFKA_REPLICATION_FACTOR
  value: {{ .Values.kafka.replicationFactor | quote }}
{{- if include "conveyor.kafkaSasl" . }}
{{- $kafka := include "conveyor.kafkaCredentialRefs" . | fromJson }}
- name: CONVEYOR_KAFKA_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.username.name }}
      key: {{ $kafka.username.key }}
- name: CONVEYOR_KAFKA_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.password.name }}
      key: {{ $kafka.password.key }}
{{- end }}
# the database is migrated once, by the pre-install/pre-upgrade hook Job
- name: SPRING_FLYWAY_ENABLED
  value: "false"
# routes and Kafka client security from the chart's ConfigMap (mounted application.yml)
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: optional:file:/etc/conveyor/config/
{{- end -}}

{{/* Port, management port and probes of a long-running service. Arg: a component's values. */}}
{{- define "conveyor.ports" -}}
- name: http
  containerPort: {{ .port }}
{{- if eq (include "conveyor.managementPortName" .) "management" }}
- name: management
  containerPort: {{ .managementPort }}
{{- end }}
{{- end -}}

{{/* Always set: the services' own default management ports need not match the chart's values. */}}
{{- define "conveyor.portEnv" -}}
- name: MANAGEMENT_SERVER_PORT
  value: {{ include "conveyor.managementPort" .values | quote }}
{{- end -}}

{{- define "conveyor.probes" -}}
{{- $port := include "conveyor.managementPortName" .values -}}
{{- with .root.Values.probes -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ $port }}
  periodSeconds: {{ .startup.periodSeconds }}
  failureThreshold: {{ .startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ $port }}
  periodSeconds: {{ .liveness.periodSeconds }}
  failureThreshold: {{ .liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: {{ $port }}
  periodSeconds: {{ .readiness.periodSeconds }}
  failureThreshold: {{ .readiness.failureThreshold }}
{{- end }}
{{- end -}}

{{/* Writable scratch volumes for a read-only root filesystem. */}}
{{- define "conveyor.scratchVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.scratch.tmpSizeLimit }}
- name: data
  emptyDir:
    sizeLimit: {{ .Values.scratch.dataSizeLimit }}
{{- end -}}

{{- define "conveyor.scratchMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /app/data
{{- end -}}

{{/*
The services' volumes: scratch space and, with files.existingClaim, the shared files claim. Arg: root.
*/}}
{{- define "conveyor.serviceVolumes" -}}
{{ include "conveyor.scratchVolumes" . }}
{{- with .Values.files.existingClaim }}
- name: files
  persistentVolumeClaim:
    claimName: {{ . }}
{{- end }}
{{- end -}}

{{/*
/tmp, /app/data and, with files.existingClaim, the shared files claim at the files directory (in place of the
/app/data emptyDir when that is where the files directory is). Args: root, filesDirectory.
*/}}
{{- define "conveyor.serviceMounts" -}}
{{- $shared := .root.Values.files.existingClaim -}}
- name: tmp
  mountPath: /tmp
{{- if not (and $shared (eq (clean .filesDirectory) "/app/data")) }}
- name: data
  mountPath: /app/data
{{- end }}
{{- if $shared }}
- name: files
  mountPath: {{ clean .filesDirectory }}
{{- end }}
{{- end -}}

{{/* The ConfigMap (and Kafka's CA) every service mounts. */}}
{{- define "conveyor.configVolumes" -}}
- name: config
  configMap:
    name: {{ include "conveyor.configMap" . }}
{{- if .Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret }}
    items:
      - key: {{ .Values.kafka.tls.caSecretKey }}
        path: ca.crt
{{- end }}
{{- end -}}

{{- define "conveyor.configMounts" -}}
- name: config
  mountPath: /etc/conveyor/config
  readOnly: true
{{- if .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/conveyor/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* Restart pods when the configuration or the chart's credentials change. */}}
{{- define "conveyor.checksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/credentials: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}
