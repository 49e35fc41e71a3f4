package io.crmflow.messaging;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends deferred messages once the frequency cap allows (every {@code crmflow.messaging.deferred-dispatch-interval};
 * public so that tests and operators can send what is due now). Safe on every instance of a cluster:
 * each message is claimed with a conditional update before it is sent.
 */
@Component
public class DeferredMessageDispatcher {

  private static final Logger log = LoggerFactory.getLogger(DeferredMessageDispatcher.class);

  private final MessageLog messageLog;
  private final MessageService messageService;

  DeferredMessageDispatcher(MessageLog messageLog, MessageService messageService) {
    this.messageLog = messageLog;
    this.messageService = messageService;
  }

  @Scheduled(fixedDelayString = "${crmflow.messaging.deferred-dispatch-interval:PT30S}",
      initialDelayString = "${crmflow.messaging.deferred-dispatch-interval:PT30S}")
  public void dispatchDue() {
    try {
      messageLog.dueDeferred(Instant.now(), 100).forEach(messageService::sendDeferred);
    } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
      // the database is away (restart, failover): the next run catches up; one line, not a stack trace per run
      log.warn("Deferred messages not dispatched, database unavailable: {}", e.getMostSpecificCause().getMessage());
    }
  }
}
