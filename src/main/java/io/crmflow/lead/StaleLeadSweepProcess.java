package io.crmflow.lead;

import io.crmflow.process.ProcessVariable;

/**
 * The stale-lead-sweep process (bpmn/stale-lead-sweep.bpmn): every morning, one digest email to
 * the sales managers listing leads whose review is overdue and leads nobody touched for too long.
 * Variables hold counts only; the digest's names come from {@link StaleLeadsDigestContributor}.
 */
public final class StaleLeadSweepProcess {

  public static final String KEY = "stale-lead-sweep";

  public static final String START_EVERY_MORNING = "StartEvent_EveryMorning";
  public static final String TASK_FIND_STALE_LEADS = "Task_FindStaleLeads";
  public static final String TASK_SEND_DIGEST = "Task_SendStaleLeadsDigest";
  public static final String END_DIGEST_SENT = "EndEvent_DigestSent";
  public static final String END_NOTHING_TO_REPORT = "EndEvent_NothingToReport";

  public static final ProcessVariable<Long> OVERDUE_REVIEW_COUNT = ProcessVariable.of("overdueReviewCount", Long.class);
  public static final ProcessVariable<Long> INACTIVE_LEAD_COUNT = ProcessVariable.of("inactiveLeadCount", Long.class);
  /** Both together; the gateway "Stale leads found?" tests it. */
  public static final ProcessVariable<Long> STALE_LEAD_COUNT = ProcessVariable.of("staleLeadCount", Long.class);

  private StaleLeadSweepProcess() {
  }
}
