# syntax=docker/dockerfile:1
# Image of the Kafka Streams application (StreamsMain), built from the repository root:
#   docker build -f docker/streams-app.Dockerfile -t alertflow/streams-app .
# Configuration: ALERTFLOW_* environment variables or a properties file given as argument / ALERTFLOW_CONFIG
# (docs/CONFIGURATION.md).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The whole reactor (.dockerignore leaves out build output and local data): the parent pom names every module.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -DskipTests -DskipITs -pl streams-app -am install \
 && mvn -B -ntp -q -pl streams-app dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp streams-app/target/streams-app-*.jar /out/streams-app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/alertflow alertflow \
 && mkdir -p /var/lib/alertflow && chown alertflow /var/lib/alertflow
COPY --from=build /out/lib /app/lib
COPY --from=build /out/streams-app.jar /app/streams-app.jar
USER alertflow
WORKDIR /var/lib/alertflow
EXPOSE 8081
# Container-aware heap; SIGTERM (docker stop) runs the app's shutdown hook, which closes it cleanly.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-cp", "/app/streams-app.jar:/app/lib/*", "io.alertflow.streams.StreamsMain"]
