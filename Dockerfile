# syntax=docker/dockerfile:1
#
# One image per service, built from a clean clone (the jars are built inside):
#   docker build --build-arg SERVICE=frontend-service  -t conveyor-frontend .
#   docker build --build-arg SERVICE=scheduler-service -t conveyor-scheduler .
#   docker build --build-arg SERVICE=worker-service    -t conveyor-worker .
# The default target trains a JDK AOT cache (classes loaded and linked ahead of time) so a worker that
# KEDA wakes from zero claims its first job in well under half the time (bench/worker-cold-start.sh,
# docs/performance.md "Worker cold start"); `--target runtime` builds without it.
#
# The image runs as the numeric user 10001 on a read-only root filesystem: it writes only to /tmp and
# /app/data (mount an emptyDir, a tmpfs or a volume on each).

ARG JDK_IMAGE=eclipse-temurin:25-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25-jre-noble

# ---- build: the three services' jars, with the Maven wrapper and the pom's --release 21 ----
FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
# SERVICE is not declared yet, so this layer (the slow one) is shared by the three images
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl frontend-service,scheduler-service,worker-service -am package
ARG SERVICE
RUN case "${SERVICE}" in frontend-service|scheduler-service|worker-service) ;; \
      *) echo "build with --build-arg SERVICE=frontend-service|scheduler-service|worker-service" >&2; exit 1 ;; \
    esac
# Layers from least to most often changed. Extracted as app.jar plus lib/ (not with --launcher): the
# JDK's AOT cache only holds classes loaded from jars on the class path by the built-in class loaders.
RUN java -Djarmode=tools -jar "${SERVICE}"/target/"${SERVICE}"-*-exec.jar \
      extract --layers --destination /layers --application-filename app.jar

# ---- runtime: a JRE, the extracted layers, a numeric non-root user ----
FROM ${JRE_IMAGE} AS runtime
RUN groupadd --system --gid 10001 conveyor \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin conveyor \
    && mkdir -p /app/data \
    && chown 10001:10001 /app/data
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# everything above stays root-owned and read-only; these two are the only places the services write
VOLUME ["/tmp", "/app/data"]
USER 10001:10001
EXPOSE 8080 8081 8082
# Heap from the container's memory limit (the JVM is container-aware), not the node's; an
# OutOfMemoryError ends the process so the orchestrator restarts it. DuckDB needs native access.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", \
            "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]

# ---- AOT cache training: start the service once against a throw-away PostgreSQL ----
# -Dspring.context.exit=onRefresh stops the JVM once every bean exists (nothing is served or consumed),
# and -XX:AOTCacheOutput writes what that start loaded and linked. The training database lets the
# services create their beans as in production (the worker registers its job types); Kafka is not
# contacted before that point. Flags that decide the cache's layout match the runtime's (a heap far
# below 32 GB keeps compressed pointers): a cache trained so was accepted under -XX:AOTMode=on (which
# refuses an unusable one) with the runtime's -XX:MaxRAMPercentage=75 and with the SerialGC a small pod
# gets; a JVM that finds the cache unusable warns and starts without it.
FROM runtime AS aot-training
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql \
    && rm -rf /var/lib/apt/lists/*
RUN set -eu; \
    cluster="$(ls /etc/postgresql)"; \
    pg_ctlcluster "${cluster}" main start; \
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'training'\""; \
    CONVEYOR_DB_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
    CONVEYOR_DB_USER=postgres CONVEYOR_DB_PASSWORD=training \
    CONVEYOR_WAREHOUSE_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
    CONVEYOR_WAREHOUSE_USER=postgres CONVEYOR_WAREHOUSE_PASSWORD=training \
    CONVEYOR_KAFKA_BOOTSTRAP=127.0.0.1:9092 \
    SPRING_FLYWAY_ENABLED=true SPRING_KAFKA_ADMIN_AUTO_CREATE=false \
    java -Xmx512m -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp --enable-native-access=ALL-UNNAMED \
         -XX:AOTCacheOutput=/app/app.aot -Dspring.context.exit=onRefresh -jar /app/app.jar; \
    pg_ctlcluster "${cluster}" main stop; \
    test -s /app/app.aot

# ---- the image: runtime plus the trained cache ----
FROM runtime
COPY --from=aot-training /app/app.aot /app/app.aot
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-Djava.io.tmpdir=/tmp", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]
