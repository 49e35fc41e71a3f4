package io.crmflow.quote;

import io.crmflow.recordtask.TaskableRecord;
import io.crmflow.security.CrmGroups;
import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Tasklist plug-in shows the quote behind "Approve quote": quote approval's business key is the quote id.
 * People add tasks to quotes; the sales team works them.
 */
@Configuration(proxyBeanMethods = false)
class QuoteTaskRecords {

  @Bean
  TaskRecordType quoteApprovalRecord() {
    return new TaskRecordType(QuoteApprovalProcess.KEY, RecordType.QUOTE, "/api/quotes/", "/app/quotes/");
  }

  @Bean
  TaskableRecord taskableQuote(QuoteRepository quotes) {
    return new TaskableRecord(RecordType.QUOTE, "quotes", List.of(CrmGroups.SALES, CrmGroups.SALES_MANAGERS),
        CrmGroups.QUOTE_READERS, id -> quotes.findById(id).isPresent());
  }
}
