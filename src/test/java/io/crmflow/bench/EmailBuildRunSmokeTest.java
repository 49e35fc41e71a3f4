package io.crmflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The email build benchmark in smoke mode (a few messages, no thresholds) inside the suite, so its
 * command keeps working: it builds real messages in both locales and reports what they cost.
 */
class EmailBuildRunSmokeTest {

  @Test
  void shouldBuildTheWelcomeEmailAndReportItsCost() throws Exception {
    for (String locale : new String[] {"en", "zh-CN"}) {
      EmailBuildRun.Result result = EmailBuildRun.run(EmailBuildRun.Options.parse("--messages=20", "--warmup=5",
          "--locale=" + locale));

      assertThat(result.messages()).isEqualTo(20);
      assertThat(result.cpuMicros()).as(locale).isPositive();
      assertThat(result.allocatedBytes()).as(locale).isPositive();
      // headers, a plain-text and an HTML part
      assertThat(result.mimeBytes()).as(locale).isGreaterThan(1000);
    }
  }
}
