package io.crmflow.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nurture timers wait the differences between the configured follow-up days. */
class LeadNurtureSettingsTest {

  @Test
  void shouldWaitTheDifferenceBetweenFollowUpDays() {
    LeadNurtureSettings settings = new LeadNurtureSettings();
    assertThat(settings.waitBeforeFollowUp(1)).isEqualTo("PT48H");
    assertThat(settings.waitBeforeFollowUp(2)).isEqualTo("PT120H");
    assertThat(settings.waitBeforeFollowUp(3)).isEqualTo("PT168H");
    assertThat(settings.replyWindow()).isEqualTo("PT168H");

    settings.setFollowUps(List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(3)));
    assertThat(settings.waitBeforeFollowUp(2)).isEqualTo("PT23H");
  }

  @Test
  void shouldRefuseAnythingButThreeAscendingFollowUps() {
    LeadNurtureSettings settings = new LeadNurtureSettings();
    assertThatThrownBy(() -> settings.setFollowUps(List.of(Duration.ofDays(2), Duration.ofDays(7))))
        .hasMessageContaining("needs 3");
    assertThatThrownBy(() -> settings.setFollowUps(List.of(Duration.ofDays(7), Duration.ofDays(2), Duration.ofDays(14))))
        .hasMessageContaining("ascending");
    assertThatThrownBy(() -> settings.setReplyWindow(Duration.ZERO)).hasMessageContaining("positive");
  }
}
