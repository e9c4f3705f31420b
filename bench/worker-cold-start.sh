#!/usr/bin/env bash
# Worker cold start: the time from "exec java" to the worker's claim of the first job waiting for it, with
# and without the JDK AOT cache the container image trains (see the Dockerfile and docs/performance.md).
#
#   nice ./mvnw -B -q -pl worker-service,launcher -am -DskipTests package
#   bench/worker-cold-start.sh [runs]          # runs per mode, default 5
#
# Needs JAVA_HOME (JDK 25), curl, jq, psql and a PostgreSQL at 127.0.0.1:5432 that user postgres
# (password postgres) may create databases on. It creates the database conveyor_cold_start anew, starts the
# launcher on it as the rest of the system (its embedded Kafka broker; the route sends `noop` jobs to a
# topic only the measured worker reads), trains the AOT cache as the image does (a start stopped by
# -Dspring.context.exit=onRefresh), then alternates runs with and without the cache. Each run submits a job,
# waits until it is QUEUED on the topic, starts a worker JVM from the extracted jar (as in the image) and
# takes the job's startedAt (set by the claim) minus the moment the JVM was started, and the CPU time the
# JVM had used by then (which the machine's other load hardly changes). Everything it writes
# is under bench/target/worker-cold-start.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
OUT=$PWD/bench/target/worker-cold-start
WORKER_JAR=$(ls worker-service/target/worker-service-*-exec.jar)
LAUNCHER_JAR=launcher/target/conveyor-launcher-exec.jar
DB=conveyor_cold_start
export PGHOST=127.0.0.1 PGUSER=postgres PGPASSWORD=postgres
HEAP=-Xmx768m   # as a pod with a 1 GiB limit gets from -XX:MaxRAMPercentage=75

rm -rf "$OUT" && mkdir -p "$OUT/data"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

# the jar as the image holds it: app.jar plus lib/ (the AOT cache only covers jars on the class path)
"$JAVA" -Djarmode=tools -jar "$WORKER_JAR" extract --layers --destination "$OUT/layers" --application-filename app.jar
mkdir -p "$OUT/app" && for layer in "$OUT"/layers/*/; do cp -r "$layer". "$OUT/app/"; done

launcher_pid=
worker_pid=
cleanup() {
  [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null || true
  if [ -n "$launcher_pid" ]; then kill "$launcher_pid" 2>/dev/null || true; wait "$launcher_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

(cd "$OUT" && CONVEYOR_DATA_DIR="$OUT/data" CONVEYOR_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  CONVEYOR_DB_USER=postgres CONVEYOR_DB_PASSWORD=postgres \
  exec "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$OLDPWD/$LAUNCHER_JAR" \
    --server.port=0 --management.server.port=0 '--conveyor.scheduler.routes[noop]=conveyor.jobs.cold-start' \
  > "$OUT/launcher.log" 2>&1) &
launcher_pid=$!
for _ in $(seq 600); do grep -q "Conveyor is running" "$OUT/launcher.log" && break; sleep 0.5; done
API=$(sed -n 's#.*API *http://localhost:\([0-9]*\)/api/v1/jobs.*#\1#p' "$OUT/launcher.log" | head -1)
KAFKA=$(sed -n 's#^ *Kafka *\([0-9.:]*\)$#\1#p' "$OUT/launcher.log" | head -1)
KEY=$(cat "$OUT/data/admin-api-key")
[ -n "$API" ] && [ -n "$KAFKA" ] || { echo "the launcher did not start; see $OUT/launcher.log" >&2; exit 1; }

# the worker's environment as the chart sets it (migrations are the launcher's, as the chart's hook Job's)
export CONVEYOR_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CONVEYOR_DB_USER=postgres CONVEYOR_DB_PASSWORD=postgres
export CONVEYOR_WAREHOUSE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CONVEYOR_WAREHOUSE_USER=postgres \
  CONVEYOR_WAREHOUSE_PASSWORD=postgres CONVEYOR_KAFKA_BOOTSTRAP=$KAFKA SPRING_FLYWAY_ENABLED=false \
  CONVEYOR_WORKER_TOPICS=conveyor.jobs.cold-start CONVEYOR_WORKER_GROUP=conveyor-workers-cold-start \
  CONVEYOR_WORKER_PORT=0 CONVEYOR_WORKER_MANAGEMENT_PORT=0 CONVEYOR_WORKER_ID=cold-start
JVM=("$HEAP" -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED)

# training, as in the Dockerfile: no broker (nothing contacts it before the context is refreshed)
(cd "$OUT/app" && CONVEYOR_KAFKA_BOOTSTRAP=127.0.0.1:9 SPRING_KAFKA_ADMIN_AUTO_CREATE=false \
  "$JAVA" "${JVM[@]}" -XX:AOTCacheOutput="$OUT/app.aot" -Dspring.context.exit=onRefresh \
  -jar app.jar > "$OUT/training.log" 2>&1) || true
[ -s "$OUT/app.aot" ] || { echo "no AOT cache written; see $OUT/training.log" >&2; exit 1; }

api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
state() { api "localhost:$API/api/v1/jobs/$1" | jq -r .state; }

echo "mode run claim_ms ready_s cpu_s load1" | tee "$OUT/results.txt"
for run in $(seq "$RUNS"); do
  for mode in plain aot; do
    id=$(api -X POST "localhost:$API/api/v1/jobs" -d '{"type":"noop","params":{}}' | jq -r .id)
    for _ in $(seq 200); do [ "$(state "$id")" = QUEUED ] && break; sleep 0.1; done
    flags=("${JVM[@]}")
    [ "$mode" = aot ] && flags+=(-XX:AOTCache="$OUT/app.aot")
    load=$(cut -d' ' -f1 /proc/loadavg)
    log="$OUT/$mode-$run.log"
    start_ns=$(date +%s%N)
    (cd "$OUT/app" && exec "$JAVA" "${flags[@]}" -jar app.jar > "$log" 2>&1) &
    worker_pid=$!
    for _ in $(seq 1200); do [ "$(state "$id")" = SUCCEEDED ] && break; sleep 0.1; done
    # CPU the JVM used until then (a little past the claim): what the start costs whatever else runs
    cpu_s=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$worker_pid/stat")
    started=$(api "localhost:$API/api/v1/jobs/$id" | jq -r .startedAt)
    kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true; worker_pid=
    claim_ms=$(( $(date -d "$started" +%s%3N) - start_ns / 1000000 ))
    ready=$(sed -n 's/.*Started WorkerApplication in \([0-9.]*\) seconds.*/\1/p' "$log" | head -1)
    echo "$mode $run $claim_ms ${ready:-?} $cpu_s $load" | tee -a "$OUT/results.txt"
  done
done

echo
for mode in plain aot; do
  awk -v mode="$mode" '$1 == mode { print $3 }' "$OUT/results.txt" | sort -n | awk -v mode="$mode" '
    { a[NR] = $1 }
    END { median = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          printf "%-5s %d runs: first job claimed after median %d ms (min %d, max %d)\n", mode, NR, median, a[1], a[NR] }'
done
