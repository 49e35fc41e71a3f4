package io.crmflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A process test: the whole application without an HTTP server and with the job executor off,
 * so tests drive every job and timer explicitly. All process tests share one Spring context.
 * Tagged "process": Maven runs them in their own JVM, because one JVM holding two Camunda engines
 * lets the REST API of one context resolve the other's engine. Every process test records which
 * flow nodes and sequence flows it passed (camunda-process-test-coverage: its engine configuration is
 * imported here, its test listener registers itself for every Spring test; reports in
 * target/process-test-coverage); {@link ProcessCoverageGate} fails {@code mvn verify} below 90 %. Process
 * tests keep history level {@code audit}, so that gateways and none events, which the shipped
 * {@code lean-audit} leaves out of history, are seen passed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=false",
    // a group message's job sends to one member per try: DealWonAnnouncementProcessTest sees the budget work
    "crmflow.messaging.group-send-budget=PT0S",
    // every flow node in history, gateways and none events too: the coverage report and hasPassed() read it
    "camunda.bpm.history-level=audit",
    "camunda.bpm.process-engine-name=processTests"})
@ActiveProfiles("test")
@Tag("process")
@ExtendWith(TestSmtpExtension.class)
@Import(ProcessEngineCoverageConfiguration.class)
public @interface ProcessTest {
}
