package io.crmflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A resilience test in the PostgreSQL suite only ({@code mvn verify -Ppostgres}): the application
 * with the postgres profile on a random port, its job executor on, as one node of a cluster on the
 * suite's database. Its job lock time is 10 s instead of 5 min, so jobs locked by an instance that
 * died (or lost its database) come back within the test's patience. All such tests share one context,
 * whose job executor runs only while one of them runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = "crmflow.test.postgres", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=survivor",
    "camunda.bpm.job-execution.lock-owner=survivor",
    "camunda.bpm.job-execution.lock-time-in-millis=" + PostgresNodeTest.LOCK_TIME_MILLIS})
@ActiveProfiles({"test", "postgres"})
@ExtendWith({TestSmtpExtension.class, JobExecutorWhileRunning.class})
@Import(Api.class)
public @interface PostgresNodeTest {

  /** Job lock time of every node these tests start: a dead node's jobs are free again after this. */
  int LOCK_TIME_MILLIS = 10_000;
}
