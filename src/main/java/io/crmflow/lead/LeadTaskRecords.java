package io.crmflow.lead;

import io.crmflow.recordtask.TaskableRecord;
import io.crmflow.security.CrmGroups;
import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Tasklist plug-in shows the lead behind "Review lead": lead intake's business key is the lead id. People
 * add tasks to leads; the sales team works them.
 */
@Configuration(proxyBeanMethods = false)
class LeadTaskRecords {

  @Bean
  TaskRecordType leadIntakeRecord() {
    return new TaskRecordType(LeadIntakeProcess.KEY, RecordType.LEAD, "/api/leads/", "/app/leads/");
  }

  @Bean
  TaskableRecord taskableLead(LeadRepository leads) {
    return new TaskableRecord(RecordType.LEAD, "leads", List.of(CrmGroups.SALES, CrmGroups.SALES_MANAGERS),
        CrmGroups.LEAD_READERS, id -> leads.findById(id).isPresent());
  }
}
