package io.crmflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.CrmflowApplication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outside load run in smoke mode (a few leads, no thresholds), against crmflow started in-process on
 * H2 with the run's SMTP sink as its mail server, so the command docs/performance.md documents keeps
 * working: every lead is answered, its welcome email arrives at the sink and counts as its end, and the
 * app process's CPU is read.
 */
class LeadLoadRunSmokeTest {

  @Test
  void shouldMeasureEachLeadUntilItsWelcomeEmailArrives() throws Exception {
    try (LeadLoadRun.MailSink sink = LeadLoadRun.MailSink.listen(0);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmflowApplication.class).run(
            Benchmark.appArguments("jdbc:h2:mem:leadload-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                sink.port()).toArray(String[]::new))) {
      String url = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();

      LeadLoadRun.Result result = LeadLoadRun.run(LeadLoadRun.Options.parse("4", "20", "20", url,
          "--pid=" + ProcessHandle.current().pid()), sink);

      assertThat(result.errors()).isZero();
      assertThat(result.restMicros()).hasSize(20);
      assertThat(result.completed()).isEqualTo(20);
      assertThat(result.endToEndMicros()).hasSize(20).allMatch(micros -> micros > 0);
      assertThat(result.endToEndMicros().get(19)).as("a lead ends after its answer")
          .isGreaterThanOrEqualTo(result.restMicros().get(0));
      assertThat(result.completedPerSecond()).isPositive();
      assertThat(result.appCpuMsPerLead()).isPositive();
      assertThat(result.database()).isNull();
    }
  }

  @Test
  void shouldRefuseAnOptionItDoesNotKnow() {
    assertThatThrownBy(() -> LeadLoadRun.Options.parse("20", "6000", "100", "--smtp=2525"))
        .hasMessageContaining("--smtp=2525");
  }
}
