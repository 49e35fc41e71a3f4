package io.crmflow.lead;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Former bean names that deployed lead-intake versions still call. A running instance resolves its
 * delegate expressions against the model it started on, so a renamed delegate keeps its old name as
 * an alias until no instance of those versions runs.
 */
@Configuration(proxyBeanMethods = false)
class LeadIntakeBeans {

  @Bean
  static BeanFactoryPostProcessor leadIntakeFormerBeanNames() {
    // 1.4.0 and older: "Create or update lead", which only ever read the lead
    return beanFactory -> beanFactory.registerAlias("readScoringFactsDelegate", "createOrUpdateLeadDelegate");
  }
}
