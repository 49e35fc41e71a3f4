package io.crmflow.metrics;

/**
 * Durations kept in a history table and, per hour, in a rollup table made from it (V9): the
 * end-to-end time of completed instances, and the time spent in each activity.
 *
 * @param history the history table
 * @param condition which of its rows count, appended to a where clause
 * @param rollup the rollup table: per hour, {@code rolledUpBy} and duration bucket
 * @param rolledUpBy what else a rollup row is per: history columns, named alike in the rollup table
 */
record Durations(String history, String condition, String rollup, String rolledUpBy) {

  static final Durations COMPLETED_INSTANCES = new Durations("ACT_HI_PROCINST", " and STATE_ = 'COMPLETED'",
      "crm_rollup_completed", "PROC_DEF_ID_, PROC_DEF_KEY_, END_ACT_ID_");
  static final Durations ACTIVITIES = new Durations("ACT_HI_ACTINST", "", "crm_rollup_activity",
      "PROC_DEF_KEY_, ACT_ID_, ACT_TYPE_");
}
