package io.crmflow.lead;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * crmflow.nurture.*: when the nurture follow-ups go out. The model's timers read them through the
 * bean {@code leadNurtureSettings}, so operators change the days in configuration, not in the BPMN.
 */
@Component("leadNurtureSettings")
@ConfigurationProperties("crmflow.nurture")
public class LeadNurtureSettings {

  /** The sequence has three follow-up emails (nurture-1, -2, -3). */
  static final int FOLLOW_UPS = 3;

  /** When each follow-up is due, counted from the start of the sequence: day 2, day 7, day 14. */
  private List<Duration> followUps = List.of(Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14));

  /** How long after the last follow-up a reply still counts before the lead is COLD. */
  private Duration replyWindow = Duration.ofDays(7);

  public List<Duration> getFollowUps() {
    return followUps;
  }

  public void setFollowUps(List<Duration> followUps) {
    if (followUps.size() != FOLLOW_UPS) {
      throw new IllegalArgumentException("crmflow.nurture.follow-ups needs " + FOLLOW_UPS + " durations, got "
          + followUps);
    }
    for (int i = 0; i < followUps.size(); i++) {
      Duration previous = i == 0 ? Duration.ZERO : followUps.get(i - 1);
      if (followUps.get(i).compareTo(previous) <= 0) {
        throw new IllegalArgumentException("crmflow.nurture.follow-ups must be positive and ascending, got "
            + followUps);
      }
    }
    this.followUps = List.copyOf(followUps);
  }

  public Duration getReplyWindow() {
    return replyWindow;
  }

  public void setReplyWindow(Duration replyWindow) {
    if (replyWindow.isNegative() || replyWindow.isZero()) {
      throw new IllegalArgumentException("crmflow.nurture.reply-window must be positive");
    }
    this.replyWindow = replyWindow;
  }

  /**
   * ISO-8601 duration the timer before follow-up {@code number} (1-based) waits: from the start for
   * the first, from the previous follow-up for the others (day 7 − day 2 = P5D).
   */
  public String waitBeforeFollowUp(int number) {
    Duration due = followUps.get(number - 1);
    Duration previous = number == 1 ? Duration.ZERO : followUps.get(number - 2);
    return due.minus(previous).toString();
  }

  /** ISO-8601 duration of the reply window after the last follow-up. */
  public String replyWindow() {
    return replyWindow.toString();
  }
}
