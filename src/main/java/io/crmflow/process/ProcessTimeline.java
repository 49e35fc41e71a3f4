package io.crmflow.process;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/** What the workflows did for one record (business key), read from Camunda history. */
@Component
public class ProcessTimeline {

  /** Routing elements say nothing a user cares about; the timeline shows tasks and events. */
  private static final Set<String> HIDDEN_TYPES = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
      "eventBasedGateway", "multiInstanceBody");

  private final HistoryService historyService;

  ProcessTimeline(HistoryService historyService) {
    this.historyService = historyService;
  }

  public record Step(String process, String processInstanceId, String activityId, String name, String type,
                     Instant startedAt, Instant endedAt, boolean canceled) {
  }

  public List<Step> of(String businessKey) {
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey)
        .orderByProcessInstanceStartTime().asc()
        .listPage(0, 100);
    return instances.stream()
        .flatMap(instance -> historyService.createHistoricActivityInstanceQuery()
            .processInstanceId(instance.getId())
            .orderByHistoricActivityInstanceStartTime().asc()
            .orderPartiallyByOccurrence().asc()
            .listPage(0, 1000).stream()
            .filter(activity -> !HIDDEN_TYPES.contains(activity.getActivityType()) && activity.getActivityName() != null)
            .map(activity -> toStep(instance, activity)))
        .sorted(Comparator.comparing(Step::startedAt))
        .toList();
  }

  private static Step toStep(HistoricProcessInstance instance, HistoricActivityInstance activity) {
    return new Step(instance.getProcessDefinitionKey(), instance.getId(), activity.getActivityId(),
        activity.getActivityName(), activity.getActivityType(), instant(activity.getStartTime()),
        instant(activity.getEndTime()), activity.isCanceled());
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
