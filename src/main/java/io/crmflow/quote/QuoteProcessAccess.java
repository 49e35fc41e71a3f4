package io.crmflow.quote;

import io.crmflow.security.CrmGroups;
import io.crmflow.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who works on quote approval: sales managers and sales directors approve (each their own task,
 * by candidate group); directors supervise, so they may step in for a manager. Managers are no
 * supervisors, so they cannot work the director's task. Sales follow their quotes through /api.
 */
@Configuration(proxyBeanMethods = false)
class QuoteProcessAccess {

  @Bean
  ProcessAccess quoteApprovalAccess() {
    return new ProcessAccess(QuoteApprovalProcess.KEY,
        List.of(CrmGroups.SALES, CrmGroups.SALES_MANAGERS, CrmGroups.SALES_DIRECTORS), List.of(CrmGroups.SALES_DIRECTORS));
  }
}
