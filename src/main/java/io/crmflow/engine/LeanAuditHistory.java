package io.crmflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmActivity;
import org.springframework.stereotype.Component;

/**
 * Registers the history level {@value LeanAuditHistoryLevel#NAME} ({@code camunda.bpm.history-level}).
 */
@Component
public class LeanAuditHistory extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(new LeanAuditHistoryLevel());
    configuration.setCustomHistoryLevels(levels);
  }

  /**
   * History level {@code audit} without the activity instances of the elements that only route a token
   * and take no time: gateways that decide at once (exclusive, inclusive, parallel), the process's none
   * start event and the none end event that ends it. They were 6 of a cold lead's 11 activity rows, about
   * 2 KB each with the table's indexes, and nothing reads them: the per-step metrics and the timeline show
   * tasks and events that wait, Cockpit's runtime views read the runtime tables, and when and where an
   * instance started and ended is kept in its {@code ACT_HI_PROCINST} row ({@code START_ACT_ID_},
   * {@code END_ACT_ID_}), from which the timeline shows named start and end events.
   *
   * <p>Everything else is written as {@code audit} writes it: process instances, tasks, variables,
   * incidents, every other activity (including event-based gateways, whose instance is the wait for the
   * first event, and message, timer and error events). Its id is audit's (2): the history level stored in
   * the database stays 2, so a database can switch between {@code audit} and this level both ways, and
   * Cockpit and the REST API treat it as {@code audit}.
   */
  public static class LeanAuditHistoryLevel extends HistoryLevelAudit {

    public static final String NAME = "lean-audit";

    private static final Set<String> GATEWAY_TYPES = Set.of("exclusiveGateway", "inclusiveGateway",
        "parallelGateway");
    private static final String NONE_START = "startEvent";
    private static final String NONE_END = "noneEndEvent";
    /** Activity types whose instance history may be left out (events: see {@link #isRouting}). */
    public static final Set<String> ROUTING_TYPES = Stream.concat(GATEWAY_TYPES.stream(),
        Stream.of(NONE_START, NONE_END)).collect(Collectors.toUnmodifiableSet());

    private static final Set<HistoryEventType> ACTIVITY_INSTANCE_EVENTS = Set.of(
        HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_END,
        HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE);

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (ACTIVITY_INSTANCE_EVENTS.contains(eventType) && entity instanceof ExecutionEntity execution
          && isRouting(execution)) {
        return false;
      }
      return super.isHistoryEventProduced(eventType, entity);
    }

    /**
     * Gateways anywhere; the process's none start event; a none end event only where it ends the instance
     * (reached by the process instance's own execution): the end of a parallel path, a sub-process or an
     * event sub-process (e.g. "Nurture ended: replied") is not in the instance's row, and keeps its own.
     */
    private static boolean isRouting(ExecutionEntity execution) {
      PvmActivity activity = execution.getActivity();
      if (activity == null) {
        return false;
      }
      Object type = activity.getProperty("type");
      return GATEWAY_TYPES.contains(type)
          || NONE_START.equals(type) && activity.getFlowScope() == activity.getProcessDefinition()
          || NONE_END.equals(type) && execution.isProcessInstanceExecution();
    }
  }
}
