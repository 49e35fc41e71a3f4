package io.crmflow.supportcase;

import io.crmflow.security.CrmGroups;
import io.crmflow.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who works on support cases: support handles them, support leads approve refunds and supervise. */
@Configuration(proxyBeanMethods = false)
class CaseProcessAccess {

  @Bean
  ProcessAccess supportCaseAccess() {
    return new ProcessAccess(SupportCaseProcess.KEY, List.of(CrmGroups.SUPPORT, CrmGroups.SUPPORT_LEADS),
        List.of(CrmGroups.SUPPORT_LEADS));
  }
}
