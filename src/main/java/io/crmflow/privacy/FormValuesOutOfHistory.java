package io.crmflow.privacy;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * Keeps the values of submitted task forms out of ACT_HI_DETAIL. At history level {@code audit}
 * Camunda records every field of a form submitted through Tasklist or {@code /engine-rest/task/{id}/submit-form}
 * as a "form property update" with its value as text — including free text that the task's listener
 * moves into crmflow's tables and out of the variables (a case's resolution, a quote's rejection reason).
 * The entry stays (which field was submitted, by which task, when); its value does not.
 */
@Component
class FormValuesOutOfHistory extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventProducer(new CacheAwareHistoryEventProducer() {
      @Override
      public HistoryEvent createFormPropertyUpdateEvt(ExecutionEntity execution, String propertyId,
          String propertyValue, String taskId) {
        return super.createFormPropertyUpdateEvt(execution, propertyId, null, taskId);
      }
    });
  }
}
