# One image per service: docker build --build-arg SERVICE=worker-service -t conveyor-worker .
# Build the jars first with ./mvnw -B -DskipTests package.
FROM eclipse-temurin:21-jre
ARG SERVICE
RUN groupadd --system conveyor && useradd --system --gid conveyor --home-dir /app conveyor \
    && mkdir -p /app/data && chown -R conveyor:conveyor /app
WORKDIR /app
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar /app/service.jar
USER conveyor
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
