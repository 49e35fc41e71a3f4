package io.crmflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Workflow counters and timers for Prometheus (/actuator/prometheus), per process and end event:
 * {@code crmflow.workflow.started} (process), {@code crmflow.workflow.completed} (process, endEvent),
 * {@code crmflow.workflow.terminated} (process) and {@code crmflow.workflow.latency} (process; a
 * timer with a percentile histogram). Fed by the engine's history events for process instances,
 * next to its default database handler, and counted only once the transaction commits, so a
 * rolled-back start or a retried job is not counted twice. These are this instance's counts;
 * the /api/metrics endpoints give the cluster's from the database.
 */
@Component
class ProcessInstanceMeters extends AbstractProcessEnginePlugin {

  static final String STARTED = "crmflow.workflow.started";
  static final String COMPLETED = "crmflow.workflow.completed";
  static final String TERMINATED = "crmflow.workflow.terminated";
  static final String LATENCY = "crmflow.workflow.latency";
  private static final String COMPLETED_STATE = "COMPLETED";

  private final ObjectProvider<MeterRegistry> registry;
  /** Looked up once it exists: the engine, and so this plug-in, is set up before it. */
  private volatile MeterRegistry resolved;

  ProcessInstanceMeters(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  /** The registry, or null while there is none; resolving it through the bean factory costs per call. */
  private MeterRegistry meters() {
    MeterRegistry known = resolved;
    if (known == null) {
      known = registry.getIfAvailable();
      resolved = known;
    }
    return known;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    // not a HistoryEventHandler bean itself: the Camunda starter would register such a bean a second time
    handlers.add(new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        meter(event);
      }

      @Override
      public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
      }
    });
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  private void meter(HistoryEvent event) {
    if (!(event instanceof HistoricProcessInstanceEventEntity instance)) {
      return;
    }
    Runnable meter;
    if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
      meter = () -> started(instance.getProcessDefinitionKey());
    } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
      meter = () -> ended(instance.getProcessDefinitionKey(), instance.getState(), instance.getEndActivityId(),
          instance.getDurationInMillis());
    } else {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null) {
      meter.run();
    } else {
      commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> meter.run());
    }
  }

  private void started(String processKey) {
    MeterRegistry meters = meters();
    if (meters != null) {
      Counter.builder(STARTED).description("Process instances started").tag("process", processKey)
          .register(meters).increment();
    }
  }

  private void ended(String processKey, String state, String endActivityId, Long durationMillis) {
    MeterRegistry meters = meters();
    if (meters == null) {
      return;
    }
    if (!COMPLETED_STATE.equals(state)) {
      Counter.builder(TERMINATED).description("Process instances canceled or deleted before an end event")
          .tag("process", processKey).register(meters).increment();
      return;
    }
    Counter.builder(COMPLETED).description("Process instances completed, per end event")
        .tag("process", processKey).tag("endEvent", endActivityId == null ? "none" : endActivityId)
        .register(meters).increment();
    if (durationMillis != null) {
      Timer.builder(LATENCY).description("End-to-end time of completed process instances, start to end event")
          .tag("process", processKey).publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofDays(30))
          .register(meters).record(Duration.ofMillis(durationMillis));
    }
  }
}
