package io.crmflow.supportcase;

import io.crmflow.recordtask.TaskableRecord;
import io.crmflow.security.CrmGroups;
import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Tasklist plug-in shows the case behind "Handle case" and "Approve refund": the support-case
 * process's business key is the case id. People add tasks to cases; the support team works them.
 */
@Configuration(proxyBeanMethods = false)
class CaseTaskRecords {

  @Bean
  TaskRecordType supportCaseRecord() {
    return new TaskRecordType(SupportCaseProcess.KEY, RecordType.CASE, "/api/cases/", "/app/cases/");
  }

  @Bean
  TaskableRecord taskableCase(CaseRepository cases) {
    return new TaskableRecord(RecordType.CASE, "cases", List.of(CrmGroups.SUPPORT, CrmGroups.SUPPORT_LEADS),
        CrmGroups.CASE_READERS, id -> cases.findById(id).isPresent());
  }
}
