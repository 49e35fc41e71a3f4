package io.crmflow.messaging;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells operators in Cockpit that a message sent outside a job (a deferred one) failed for good: an
 * incident of type {@value #TYPE} on the workflow instance that sent it, while it still runs. Operators
 * resolve it there after looking at the message log; the message itself is FAILED.
 */
@Component
class MessageIncidents {

  static final String TYPE = "messageDeliveryFailed";
  private static final Logger log = LoggerFactory.getLogger(MessageIncidents.class);

  private final RuntimeService runtimeService;

  MessageIncidents(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  void report(MessageLogEntry entry, String message) {
    ProcessInstance instance = entry.processInstanceId() == null ? null : runtimeService.createProcessInstanceQuery()
        .processInstanceId(entry.processInstanceId()).singleResult();
    if (instance == null) {
      log.warn("Message {} failed for good; its workflow instance {} has ended, so no incident is raised",
          entry.messageKey(), entry.processInstanceId());
      return;
    }
    runtimeService.createIncident(TYPE, instance.getId(), entry.messageKey(), message);
  }
}
