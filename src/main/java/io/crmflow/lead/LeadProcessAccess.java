package io.crmflow.lead;

import io.crmflow.security.CrmGroups;
import io.crmflow.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who works on the lead processes: sales review leads, sales managers supervise intake and see the
 * nurture sequences and sweeps (no user tasks there) in Cockpit.
 */
@Configuration(proxyBeanMethods = false)
class LeadProcessAccess {

  @Bean
  ProcessAccess leadIntakeAccess() {
    return new ProcessAccess(LeadIntakeProcess.KEY, List.of(CrmGroups.SALES), List.of(CrmGroups.SALES_MANAGERS));
  }

  @Bean
  ProcessAccess leadNurtureAccess() {
    return new ProcessAccess(LeadNurtureProcess.KEY, List.of(), List.of(CrmGroups.SALES_MANAGERS));
  }

  @Bean
  ProcessAccess staleLeadSweepAccess() {
    return new ProcessAccess(StaleLeadSweepProcess.KEY, List.of(), List.of(CrmGroups.SALES_MANAGERS));
  }
}
