package io.crmflow.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers "can anything in the engine receive the message {@code name}?" without an engine command,
 * so that a record change nobody models for costs one small indexed query instead of a correlation
 * (an engine command and its two event-subscription queries). Most record changes are such: every
 * lead's status changes, for instance, are modelled nowhere.
 *
 * <p>Why a "no" is correct: a correlation can only reach an event subscription of that name — a
 * message start event's (kept while its definition is the latest version) or a waiting instance's
 * (intermediate catch, boundary, receive task, event sub-process). The answer reads
 * {@code ACT_RU_EVENT_SUBSCR} on the application DataSource, so in the caller's transaction, as the
 * correlation's own queries would: it sees every node's deployments and instances, and message names
 * given as expressions as they were resolved.
 *
 * <p>A name once found with a subscription is kept as heard and then answered without a query. A
 * stale "yes" (the model was undeployed, the instances ended) only costs the correlation that would
 * have run anyway. The heard names are bounded by the message names the models use.
 */
@Component
class MessageListeners {

  private final JdbcClient jdbc;
  private final Set<String> heard = ConcurrentHashMap.newKeySet();

  MessageListeners(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** False only if no process definition or instance has a subscription for this message name now. */
  boolean mayListenTo(String messageName) {
    if (heard.contains(messageName)) {
      return true;
    }
    boolean subscribed = jdbc.sql("select count(*) from ACT_RU_EVENT_SUBSCR where EVENT_NAME_ = ?"
            + " and EVENT_TYPE_ = 'message'")
        .param(messageName).query(Long.class).single() > 0;
    if (subscribed) {
      heard.add(messageName);
    }
    return subscribed;
  }
}
