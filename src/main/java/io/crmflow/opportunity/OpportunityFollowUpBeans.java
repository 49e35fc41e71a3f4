package io.crmflow.opportunity;

import io.crmflow.recordtask.TaskableRecord;
import io.crmflow.security.CrmGroups;
import io.crmflow.security.ProcessAccess;
import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The opportunity follow-up in Tasklist: salespeople work "Follow up" (their own, by assignee; the team's, by
 * candidate group), sales managers supervise; the task shows its opportunity (business key = opportunity id).
 */
@Configuration(proxyBeanMethods = false)
class OpportunityFollowUpBeans {

  @Bean
  ProcessAccess opportunityFollowUpAccess() {
    return new ProcessAccess(OpportunityFollowUpProcess.KEY, List.of(CrmGroups.SALES),
        List.of(CrmGroups.SALES_MANAGERS));
  }

  @Bean
  TaskRecordType opportunityFollowUpRecord() {
    return new TaskRecordType(OpportunityFollowUpProcess.KEY, RecordType.OPPORTUNITY, "/api/opportunities/",
        "/app/opportunities/");
  }

  /** People add tasks to opportunities too; the sales team works them. */
  @Bean
  TaskableRecord taskableOpportunity(OpportunityRepository opportunities) {
    return new TaskableRecord(RecordType.OPPORTUNITY, "opportunities",
        List.of(CrmGroups.SALES, CrmGroups.SALES_MANAGERS), CrmGroups.OPPORTUNITY_READERS,
        id -> opportunities.findById(id).isPresent());
  }
}
