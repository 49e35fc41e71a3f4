package io.crmflow.quote;

import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Tasklist plug-in shows the quote behind "Approve quote": quote approval's business key is the quote id. */
@Configuration(proxyBeanMethods = false)
class QuoteTaskRecords {

  @Bean
  TaskRecordType quoteApprovalRecord() {
    return new TaskRecordType(QuoteApprovalProcess.KEY, RecordType.QUOTE, "/api/quotes/", "/app/quotes/");
  }
}
