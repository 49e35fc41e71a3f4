package io.crmflow.metrics;

/**
 * The work time of completed process instances, in SQL that the history reads and the hourly rollup
 * share. Work is the time an instance spends in steps doing something: service, script, send and
 * business-rule tasks (their activity instances' durations) and user tasks from their first claim
 * ({@link TaskClaims}) to completion. Everything else — timers, messages, user tasks before a claim,
 * jobs waiting in the queue (an asyncBefore step's activity instance starts when its job runs) — is
 * waiting. Only the instance's own activity instances count (PROC_INST_ID_): a called process's steps
 * count for the called process. Timestamps are subtracted through EXTRACT(EPOCH …), which H2 and
 * PostgreSQL both know.
 */
final class WorkTime {

  /**
   * Completed instances as a table expression with PROC_DEF_ID_, PROC_DEF_KEY_, END_TIME_, DURATION_ and
   * WORK_ (ms): the database computes each instance's work time from its activity instances, only for
   * the rows a query's time range selects.
   */
  static final String COMPLETED_INSTANCES = """
      (select p.PROC_DEF_ID_, p.PROC_DEF_KEY_, p.END_TIME_, p.DURATION_,
              (select coalesce(sum(case
                        when a.ACT_TYPE_ <> 'userTask' then a.DURATION_
                        when c.claimed_at is null then 0
                        else greatest(0, least(a.DURATION_, cast(round(
                          (extract(epoch from a.END_TIME_) - extract(epoch from c.claimed_at)) * 1000) as bigint)))
                      end), 0)
               from ACT_HI_ACTINST a left join crm_task_claim c on c.task_id_ = a.TASK_ID_
               where a.PROC_INST_ID_ = p.ID_ and a.END_TIME_ is not null
                 and a.ACT_TYPE_ in ('serviceTask', 'scriptTask', 'sendTask', 'businessRuleTask', 'userTask')
              ) as WORK_
       from ACT_HI_PROCINST p where p.STATE_ = 'COMPLETED') completed_instance""";

  private WorkTime() {
  }
}
