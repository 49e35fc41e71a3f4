package io.crmflow.metrics;

import io.crmflow.metrics.WorkflowMetrics.ActivityTime;
import io.crmflow.metrics.WorkflowMetrics.Bucket;
import io.crmflow.metrics.WorkflowMetrics.Conversion;
import io.crmflow.metrics.WorkflowMetrics.Overview;
import io.crmflow.metrics.WorkflowMetrics.ProcessDetail;
import io.crmflow.metrics.WorkflowMetrics.ProcessSummary;
import io.crmflow.metrics.WorkflowMetrics.Throughput;
import io.crmflow.metrics.WorkflowMetricsRepository.Definition;
import io.crmflow.metrics.WorkflowMetricsRepository.Ended;
import io.crmflow.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Throughput, latency, conversion and step times per process, for a window. */
@Service
class WorkflowMetricsService {

  /** Activity types where an instance waits for a person. */
  private static final String USER_TASK = "userTask";

  private final WorkflowMetricsRepository repository;
  private final RepositoryService repositoryService;
  private final TransactionTemplate readOnly;

  WorkflowMetricsService(WorkflowMetricsRepository repository, RepositoryService repositoryService,
      PlatformTransactionManager transactions) {
    this.repository = repository;
    this.repositoryService = repositoryService;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  Overview overview(TimeWindow window) {
    return read(() -> new Overview(window.from(), window.to(), summaries(window, null)));
  }

  ProcessDetail detail(String processKey, TimeWindow window) {
    return read(() -> detailInTransaction(processKey, window));
  }

  /** One read-only transaction per answer: one snapshot, and room for the percentile sorts. */
  private <T> T read(Supplier<T> query) {
    return readOnly.execute(status -> {
      repository.allowLargeSorts();
      return query.get();
    });
  }

  private ProcessDetail detailInTransaction(String processKey, TimeWindow window) {
    ProcessSummary summary = summaries(window, known(processKey)).get(0);
    Map<String, String> modelNames = activityNames(processKey);
    List<ActivityTime> activities = new ArrayList<>(repository.activityTimes(window, processKey).stream()
        .map(a -> new ActivityTime(a.activityId(), modelNames.getOrDefault(a.activityId(), a.activityId()),
            a.type(), a.count(), a.avgMillis(), a.p95Millis(), a.maxMillis()))
        .toList());
    activities.sort(Comparator.comparingDouble(ActivityTime::avgMillis).reversed());
    Map<String, String> names = activities.stream().filter(a -> a.name() != null)
        .collect(Collectors.toMap(ActivityTime::activityId, ActivityTime::name, (a, b) -> a));
    Map<String, Long> ends = repository.completedPerEndActivity(window, processKey);
    long completed = ends.values().stream().mapToLong(Long::longValue).sum();
    List<Conversion> conversion = ends.entrySet().stream()
        .map(end -> new Conversion(end.getKey(), names.getOrDefault(end.getKey(), end.getKey()), end.getValue(),
            round(end.getValue() / (double) completed)))
        .sorted(Comparator.comparingLong(Conversion::count).reversed())
        .toList();
    List<ActivityTime> waiting = activities.stream().filter(a -> USER_TASK.equals(a.type())).toList();
    return new ProcessDetail(window.from(), window.to(), summary, conversion, activities, waiting);
  }

  Throughput throughput(String processKey, TimeWindow window, Duration bucket, int maxBuckets) {
    return read(() -> throughputInTransaction(processKey, window, bucket, maxBuckets));
  }

  /** Element names of every deployed version, newest winning (the engine caches the models). */
  private Map<String, String> activityNames(String processKey) {
    Map<String, String> names = new HashMap<>();
    for (Definition definition : repository.definitions(processKey)) {
      repositoryService.getBpmnModelInstance(definition.id()).getModelElementsByType(FlowElement.class)
          .forEach(element -> {
            if (element.getName() != null) {
              names.put(element.getId(), element.getName());
            }
          });
    }
    return names;
  }

  private Throughput throughputInTransaction(String processKey, TimeWindow window, Duration bucket,
      int maxBuckets) {
    known(processKey);
    if (bucket.compareTo(Duration.ofMinutes(1)) < 0) {
      throw ApiException.invalidField("bucket", "must be at least PT1M");
    }
    long count = (window.length().toMillis() + bucket.toMillis() - 1) / bucket.toMillis();
    if (count > maxBuckets) {
      throw ApiException.invalidField("bucket", "gives " + count + " buckets for this window; at most "
          + maxBuckets + " are allowed, choose a wider bucket");
    }
    Map<Long, Long> started = repository.startedPerBucket(window, processKey, bucket);
    Map<Long, Ended> completed = repository.completedPerBucket(window, processKey, bucket);
    List<Bucket> buckets = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      Ended ended = completed.getOrDefault(i, Ended.NONE);
      buckets.add(new Bucket(window.from().plus(bucket.multipliedBy(i)), started.getOrDefault(i, 0L),
          ended.completed(), ended.latency().p95()));
    }
    return new Throughput(processKey, window.from(), window.to(), bucket.toString(), buckets);
  }

  /** The process's definitions; 404 when no version of it is deployed. */
  private String known(String processKey) {
    if (repository.definitions(processKey).isEmpty()) {
      throw ApiException.notFound("Process", processKey);
    }
    return processKey;
  }

  private List<ProcessSummary> summaries(TimeWindow window, String processKey) {
    List<Definition> definitions = repository.definitions(processKey);
    Map<String, Long> started = repository.startedPerDefinition(window, processKey);
    Map<String, Ended> endedPerVersion = repository.ended(window, processKey, true);
    Map<String, Ended> endedPerProcess = repository.ended(window, processKey, false);
    Map<String, Long> inFlight = repository.inFlightPerDefinition();
    Map<String, Long> incidents = repository.openIncidentsPerDefinition();

    Map<String, List<Definition>> byKey = definitions.stream()
        .collect(Collectors.groupingBy(Definition::key, LinkedHashMap::new, Collectors.toList()));
    List<ProcessSummary> result = new ArrayList<>();
    byKey.forEach((key, versions) -> {
      List<ProcessSummary> versionSummaries = versions.stream()
          .sorted(Comparator.comparingInt(Definition::version).reversed())
          .map(definition -> {
            Ended ended = endedPerVersion.getOrDefault(definition.id(), Ended.NONE);
            return new ProcessSummary(null, null, definition.version(), definition.id(), definition.versionTag(),
                started.getOrDefault(definition.id(), 0L), ended.completed(), ended.terminated(),
                round(ended.completed() / window.hours()), ended.latency(),
                inFlight.getOrDefault(definition.id(), 0L), incidents.getOrDefault(definition.id(), 0L), null);
          })
          .toList();
      Definition latest = versions.get(versions.size() - 1);
      Ended ended = endedPerProcess.getOrDefault(key, Ended.NONE);
      result.add(new ProcessSummary(key, latest.name() == null ? key : latest.name(), null, null, null,
          sum(versionSummaries, ProcessSummary::started), ended.completed(), ended.terminated(),
          round(ended.completed() / window.hours()), ended.latency(),
          sum(versionSummaries, ProcessSummary::inFlight), sum(versionSummaries, ProcessSummary::openIncidents),
          versionSummaries));
    });
    return result;
  }

  private static long sum(List<ProcessSummary> versions, Function<ProcessSummary, Long> value) {
    return versions.stream().map(value).mapToLong(Long::longValue).sum();
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  static Instant truncate(Instant instant, Duration bucket) {
    long millis = bucket.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
  }
}
