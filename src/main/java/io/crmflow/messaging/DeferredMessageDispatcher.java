package io.crmflow.messaging;

import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends deferred messages once the frequency cap allows. Safe on every instance of a cluster:
 * each message is claimed with a conditional update before it is sent.
 */
@Component
class DeferredMessageDispatcher {

  private final MessageLog messageLog;
  private final MessageService messageService;

  DeferredMessageDispatcher(MessageLog messageLog, MessageService messageService) {
    this.messageLog = messageLog;
    this.messageService = messageService;
  }

  @Scheduled(fixedDelayString = "${crmflow.messaging.deferred-dispatch-interval:PT30S}",
      initialDelayString = "${crmflow.messaging.deferred-dispatch-interval:PT30S}")
  void dispatchDue() {
    messageLog.dueDeferred(Instant.now(), 100).forEach(messageService::sendDeferred);
  }
}
