package io.crmflow.recordtask;

import io.crmflow.security.CrmGroups;
import io.crmflow.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who works record tasks in Tasklist: every group that works tasks may render the "To do" form; which tasks
 * each person sees comes from the task's assignee and candidate groups (a sales task is not support's). No
 * group supervises them all.
 */
@Configuration(proxyBeanMethods = false)
class RecordTaskBeans {

  @Bean
  ProcessAccess recordTaskAccess() {
    return new ProcessAccess(RecordTaskProcess.KEY, List.of(CrmGroups.SALES, CrmGroups.SALES_MANAGERS,
        CrmGroups.SALES_DIRECTORS, CrmGroups.SUPPORT, CrmGroups.SUPPORT_LEADS), List.of());
  }
}
