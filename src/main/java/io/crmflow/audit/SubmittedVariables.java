package io.crmflow.audit;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;

/**
 * Remembers, for the duration of one engine command, the names of the variables each process
 * instance created or changed. A task's completion listener then knows which variables the
 * completing user submitted (they are set just before the task completes) — names only, never values.
 */
final class SubmittedVariables implements HistoryEventHandler {

  private static final String CREATE = HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName();
  private static final String UPDATE = HistoryEventTypes.VARIABLE_INSTANCE_UPDATE.getEventName();

  private final Map<CommandContext, Map<String, Set<String>>> byCommand =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!(event instanceof HistoricVariableUpdateEventEntity variable)
        || !(CREATE.equals(event.getEventType()) || UPDATE.equals(event.getEventType()))
        || variable.getProcessInstanceId() == null) {
      return;
    }
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return;
    }
    byCommand.computeIfAbsent(command, this::forget)
        .computeIfAbsent(variable.getProcessInstanceId(), id -> new LinkedHashSet<>())
        .add(variable.getVariableName());
  }

  @Override
  public void handleEvents(java.util.List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  /** The variables of this instance set so far in the current command, sorted by name. */
  Set<String> namesIn(String processInstanceId) {
    CommandContext command = Context.getCommandContext();
    Map<String, Set<String>> names = command == null ? null : byCommand.get(command);
    Set<String> set = names == null ? null : names.get(processInstanceId);
    return set == null ? Set.of() : new TreeSet<>(set);
  }

  private Map<String, Set<String>> forget(CommandContext command) {
    command.registerCommandContextListener(new CommandContextListener() {
      @Override
      public void onCommandContextClose(CommandContext context) {
        byCommand.remove(context);
      }

      @Override
      public void onCommandFailed(CommandContext context, Throwable t) {
        byCommand.remove(context);
      }
    });
    return new HashMap<>();
  }
}
