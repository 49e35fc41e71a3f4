package io.crmflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A process test: the whole application without an HTTP server and with the job executor off,
 * so tests drive every job and timer explicitly. All process tests share one Spring context.
 * Tagged "process": Maven runs them in their own JVM, because one JVM holding two Camunda engines
 * lets the REST API of one context resolve the other's engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.process-engine-name=processTests"})
@ActiveProfiles("test")
@Tag("process")
@ExtendWith(TestSmtpExtension.class)
public @interface ProcessTest {
}
