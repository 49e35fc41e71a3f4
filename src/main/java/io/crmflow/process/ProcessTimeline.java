package io.crmflow.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/** What the workflows did for one record (business key), read from Camunda history. */
@Component
public class ProcessTimeline {

  /** Routing elements say nothing a user cares about; the timeline shows tasks and events. */
  private static final Set<String> HIDDEN_TYPES = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
      "eventBasedGateway", "multiInstanceBody");

  private final HistoryService historyService;
  private final RepositoryService repositoryService;

  ProcessTimeline(HistoryService historyService, RepositoryService repositoryService) {
    this.historyService = historyService;
    this.repositoryService = repositoryService;
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
        .flatMap(instance -> stepsOf(instance).stream())
        .sorted(Comparator.comparing(Step::startedAt))
        .toList();
  }

  private List<Step> stepsOf(HistoricProcessInstance instance) {
    List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId())
        .orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc()
        .listPage(0, 1000);
    List<Step> steps = new ArrayList<>();
    Set<String> recorded = new HashSet<>();
    for (HistoricActivityInstance activity : activities) {
      recorded.add(activity.getActivityId());
      if (!HIDDEN_TYPES.contains(activity.getActivityType()) && activity.getActivityName() != null) {
        steps.add(toStep(instance, activity));
      }
    }
    // history level lean-audit keeps none start and end events out of the activity history: the
    // instance's own row says where and when it started and ended
    unrecorded(recorded, instance, instance.getStartActivityId(), "startEvent", instance.getStartTime())
        .ifPresent(start -> steps.add(0, start));
    unrecorded(recorded, instance, instance.getEndActivityId(), "noneEndEvent", instance.getEndTime())
        .ifPresent(steps::add);
    return steps;
  }

  /** The instance's start or end event as a step, if it is named and not in the activity history. */
  private Optional<Step> unrecorded(Set<String> recorded, HistoricProcessInstance instance, String activityId,
                                   String type, Date at) {
    if (activityId == null || at == null || recorded.contains(activityId)) {
      return Optional.empty();
    }
    ModelElementInstance element;
    try {
      element = repositoryService.getBpmnModelInstance(instance.getProcessDefinitionId())
          .getModelElementById(activityId);
    } catch (ProcessEngineException definitionGone) {
      // history outlives a deployment deleted without cascade: the rest of the timeline still shows
      return Optional.empty();
    }
    return Optional.ofNullable(element instanceof FlowElement flowElement ? flowElement.getName() : null)
        .map(name -> new Step(instance.getProcessDefinitionKey(), instance.getId(), activityId, name, type,
            instant(at), instant(at), false));
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
