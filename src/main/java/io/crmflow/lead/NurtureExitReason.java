package io.crmflow.lead;

/** Why a lead left its nurture sequence: variable {@code exitReason} and column {@code nurture_exit_reason}. */
public enum NurtureExitReason {
  /** All follow-ups sent, no reaction within the reply window: the lead is COLD. */
  SEQUENCE_ENDED,
  /** The lead answered ({@code POST /api/leads/{id}/replies}). */
  REPLIED,
  /** The contact unsubscribed from marketing email. */
  UNSUBSCRIBED,
  /** A change of its scoring facts made the lead hot: it went to lead-intake's review. */
  RESCORED_HOT,
  /** Sales moved the lead out of NURTURING ({@code PATCH /api/leads/{id}}). */
  STOPPED,
  /**
   * The lead's contact was merged into one already in a sequence: a person gets one sequence, so
   * this one stopped and the lead is COLD.
   */
  MERGED
}
