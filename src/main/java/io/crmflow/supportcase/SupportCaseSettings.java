package io.crmflow.supportcase;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * crmflow.cases.*: the support-case rules operators change in configuration, not in the BPMN.
 * The model reads them through the bean {@code supportCaseSettings}.
 */
@Component("supportCaseSettings")
@ConfigurationProperties("crmflow.cases")
public class SupportCaseSettings {

  /** Refunds up to this amount are paid without a support lead's approval. */
  private BigDecimal refundAutoApproveLimit = new BigDecimal("100");

  /** How long a resolved case (or one waiting for the customer) waits for a reply before it is closed. */
  private Duration replyWaitPeriod = Duration.ofDays(7);

  public BigDecimal getRefundAutoApproveLimit() {
    return refundAutoApproveLimit;
  }

  public void setRefundAutoApproveLimit(BigDecimal refundAutoApproveLimit) {
    this.refundAutoApproveLimit = refundAutoApproveLimit;
  }

  public Duration getReplyWaitPeriod() {
    return replyWaitPeriod;
  }

  public void setReplyWaitPeriod(Duration replyWaitPeriod) {
    this.replyWaitPeriod = replyWaitPeriod;
  }

  boolean autoApproves(BigDecimal refundAmount) {
    return refundAmount != null && refundAmount.compareTo(refundAutoApproveLimit) <= 0;
  }

  /** ISO-8601 duration for the "No reply" timer, e.g. P7D. */
  public String replyWaitPeriod() {
    return replyWaitPeriod.toString();
  }
}
