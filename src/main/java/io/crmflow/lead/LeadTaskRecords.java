package io.crmflow.lead;

import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Tasklist plug-in shows the lead behind "Review lead": lead intake's business key is the lead id. */
@Configuration(proxyBeanMethods = false)
class LeadTaskRecords {

  @Bean
  TaskRecordType leadIntakeRecord() {
    return new TaskRecordType(LeadIntakeProcess.KEY, RecordType.LEAD, "/api/leads/", "/app/leads/");
  }
}
