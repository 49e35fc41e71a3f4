package io.crmflow.supportcase;

import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Tasklist plug-in shows the case behind "Handle case" and "Approve refund": the support-case
 * process's business key is the case id.
 */
@Configuration(proxyBeanMethods = false)
class CaseTaskRecords {

  @Bean
  TaskRecordType supportCaseRecord() {
    return new TaskRecordType(SupportCaseProcess.KEY, RecordType.CASE, "/api/cases/", "/app/cases/");
  }
}
