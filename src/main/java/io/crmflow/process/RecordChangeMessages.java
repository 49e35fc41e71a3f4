package io.crmflow.process;

import io.crmflow.process.RecordChange;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResultWithVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Delivers every {@link RecordChange} to the engine as a BPMN message: starts each process
 * definition whose message start event has that name and continues every instance of that record
 * waiting for it. Runs synchronously in the publisher's transaction, so the record change and the
 * processes it triggers commit or roll back together; a record change nobody listens for is fine,
 * and is not handed to the engine at all when no deployed model references its name
 * ({@link MessageListeners}): most changes, e.g. every lead's status changes, are modelled nowhere.
 */
@Component
class RecordChangeMessages {

  private static final Logger log = LoggerFactory.getLogger(RecordChangeMessages.class);

  private final RuntimeService runtimeService;
  private final MessageListeners listeners;

  RecordChangeMessages(RuntimeService runtimeService, MessageListeners listeners) {
    this.runtimeService = runtimeService;
    this.listeners = listeners;
  }

  @EventListener
  void deliver(RecordChange change) {
    if (!listeners.mayListenTo(change.messageName())) {
      log.debug("{} for {}: no deployed model receives it", change.messageName(), change.recordId());
      return;
    }
    List<MessageCorrelationResultWithVariables> results = runtimeService
        .createMessageCorrelation(change.messageName())
        .processInstanceBusinessKey(change.recordId())
        .setVariables(change.variables())
        .correlateAllWithResultAndVariables(false);
    if (!results.isEmpty()) {
      log.info("{} for {} reached {} process instance(s)", change.messageName(), change.recordId(), results.size());
    }
  }
}
