# Build: docker build -t crmflow .   Run: see docker-compose.yml
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY bpmn bpmn
COPY src src
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 crmflow
WORKDIR /app
COPY --from=build /src/target/crmflow-*.jar app.jar
# the embedded H2 database lives in ./data: the non-root user must be able to write it (a volume here keeps it)
RUN mkdir /app/data && chown crmflow /app/data
VOLUME /app/data
USER crmflow
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD wget -qO- http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
