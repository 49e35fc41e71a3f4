package io.crmflow.engine;

import jakarta.ws.rs.Priorities;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's REST API (/engine-rest, a Jersey application). */
@Configuration(proxyBeanMethods = false)
class EngineRestConfiguration {

  /** Before Camunda's own exception mappers (priority 5000) where they apply. */
  private static final int BEFORE_CAMUNDA = Priorities.USER - 100;

  /** The engine is looked up when first needed: asking for it here would create it before Flyway runs. */
  @Bean
  ResourceConfigCustomizer engineRestConflicts(ObjectProvider<ProcessEngine> processEngine) {
    Supplier<ProcessEngine> engine = processEngine::getObject;
    return config -> config
        .register(new EngineRestConflicts.WrappedInRestException(engine), BEFORE_CAMUNDA)
        .register(new EngineRestConflicts.FromTheEngine(engine), BEFORE_CAMUNDA)
        .register(new EngineRestConflicts.FromADelegate(engine), BEFORE_CAMUNDA);
  }
}
