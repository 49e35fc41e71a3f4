package io.crmflow.process;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers "can anything in the engine receive the message {@code name}?" without an engine command,
 * so that a record change nobody models for costs one small query instead of a correlation.
 *
 * <p>Why a "no" is correct: a message event subscription (message start event, intermediate catch or
 * boundary event, receive task, event-subprocess start) is only ever created from an element of a
 * deployed process definition that references a message of that name, and a definition stays
 * deployed, whatever its version, until its deployment is deleted (with cascade, which also removes
 * its instances and their subscriptions). So a name that no deployed definition references has no
 * subscription, now or in any running instance, and a correlation would do nothing. A name that is an
 * expression ({@code ${..}}, {@code #{..}}) is only known at run time: while any definition has one,
 * every name may be heard.
 *
 * <p>Why it stays correct: the names are kept with a fingerprint of ACT_RE_DEPLOYMENT (number of
 * deployments, latest deploy time), and before answering "no" the fingerprint is read again, on the
 * application DataSource and so in the caller's transaction, like the correlation's own queries. It
 * sees deployments of every node of the cluster (they share the database) and of this transaction.
 * A new deployment raises the count, a deleted one lowers it; they cancel out only if one is deleted
 * and another added between two "no" answers here, and then the latest deploy time still moves
 * unless the new deployment's time, taken from its node's clock, is not later than the latest one
 * seen (clock skew between nodes, or two deployments in the same instant). On a changed fingerprint
 * the definitions are read again; each definition's names are kept by definition id (definitions
 * never change), so only new definitions are parsed, through the engine's deployment cache.
 * The fingerprint is read before the definitions, so the names are never older than their
 * fingerprint; a concurrent refresh that stores an older pair is just refreshed again.
 *
 * <p>A name found among the kept names is a "yes" without a query: a stale yes (the deployment was
 * since deleted) only costs the correlation that would have happened anyway, and the next lookup of a
 * name not kept refreshes. A yes that comes only from an expression name is checked like a "no", so
 * that a deleted expression model does not leave every name heard.
 * A cheaper signal than the query was looked for and not found: a parse listener or the engine's
 * deployment cache only see what this node parses, never another node's deployment or deletion.
 */
@Component
class MessageListeners {

  /** The names of a definition that could not be read: an expression, so every name may be heard. */
  private static final Set<String> ANY_NAME = Set.of("${unreadable}");

  private final JdbcClient jdbc;
  private final CommandExecutor commands;
  private volatile Names names = Names.NONE;

  MessageListeners(JdbcClient jdbc, ProcessEngine processEngine) {
    this.jdbc = jdbc;
    this.commands = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /** False only if no deployed process definition can have a subscription for this message name. */
  boolean mayListenTo(String messageName) {
    Names known = names;
    if (known.all().contains(messageName)) {
      return true;
    }
    Fingerprint now = fingerprint();
    if (!now.equals(known.fingerprint())) {
      known = read(now, known);
      names = known;
    }
    return known.mayListenTo(messageName);
  }

  private Fingerprint fingerprint() {
    return jdbc.sql("select count(*), max(DEPLOY_TIME_) from ACT_RE_DEPLOYMENT")
        .query((row, n) -> new Fingerprint(row.getLong(1), row.getTimestamp(2))).single();
  }

  private Names read(Fingerprint fingerprint, Names before) {
    List<String> definitionIds = jdbc.sql("select ID_ from ACT_RE_PROCDEF").query(String.class).list();
    Map<String, Set<String>> byDefinition = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String id : definitionIds) {
      Set<String> kept = before.byDefinition().get(id);
      if (kept != null) {
        byDefinition.put(id, kept);
      } else {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      // the deployment cache without the authorization checks of RepositoryService: these names are
      // everyone's, whoever's change happens to fill them
      commands.execute(context -> {
        DeploymentCache cache = context.getProcessEngineConfiguration().getDeploymentCache();
        for (String id : unknown) {
          try {
            byDefinition.put(id, messageNames(cache.findBpmnModelInstanceForProcessDefinition(id)));
          } catch (ProcessEngineException unreadable) {
            // most likely deleted since the ids were read (then the fingerprint has changed, and the next
            // lookup reads again); whatever it was, assume it listens to every name. Caught inside the
            // command, so that the caller's transaction is not marked for rollback.
            byDefinition.put(id, ANY_NAME);
          }
        }
        return null;
      });
    }
    return new Names(fingerprint, Map.copyOf(byDefinition));
  }

  /** The names of the messages this model can subscribe to: its message events' and receive tasks'. */
  static Set<String> messageNames(BpmnModelInstance model) {
    Set<String> names = new HashSet<>();
    model.getModelElementsByType(MessageEventDefinition.class).forEach(event -> add(event.getMessage(), names));
    model.getModelElementsByType(ReceiveTask.class).forEach(task -> add(task.getMessage(), names));
    return Set.copyOf(names);
  }

  private static void add(Message message, Set<String> names) {
    if (message != null && message.getName() != null) {
      names.add(message.getName());
    }
  }

  static boolean isExpression(String name) {
    return name.contains("${") || name.contains("#{");
  }

  private record Fingerprint(long deployments, Timestamp latest) {
  }

  /** The message names of every deployed definition, as of the fingerprint. */
  private record Names(Fingerprint fingerprint, Map<String, Set<String>> byDefinition, Set<String> all,
      boolean anyName) {

    static final Names NONE = new Names(null, Map.of());

    Names(Fingerprint fingerprint, Map<String, Set<String>> byDefinition) {
      this(fingerprint, byDefinition, union(byDefinition.values()),
          byDefinition.values().stream().flatMap(Set::stream).anyMatch(MessageListeners::isExpression));
    }

    boolean mayListenTo(String messageName) {
      return anyName || all.contains(messageName);
    }

    private static Set<String> union(Collection<Set<String>> sets) {
      Set<String> all = new HashSet<>();
      sets.forEach(all::addAll);
      return Set.copyOf(all);
    }
  }
}
