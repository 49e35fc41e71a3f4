package io.crmflow.metrics;

import io.crmflow.shared.NotFoundException;
import io.crmflow.metrics.WorkflowMetricsResponses;
import static io.crmflow.metrics.Durations.ACTIVITIES;
import static io.crmflow.metrics.Durations.COMPLETED_INSTANCES;
import static io.crmflow.metrics.WorkflowMetricsRepository.Grouping.PER_ACTIVITY;
import static io.crmflow.metrics.WorkflowMetricsRepository.Grouping.PER_DEFINITION;
import static io.crmflow.metrics.WorkflowMetricsRepository.Grouping.PER_END_ACTIVITY;
import static io.crmflow.metrics.WorkflowMetricsRepository.Grouping.PER_PROCESS;

import io.crmflow.metrics.WorkflowMetricsResponses.ActivityTime;
import io.crmflow.metrics.WorkflowMetricsResponses.Bucket;
import io.crmflow.metrics.WorkflowMetricsResponses.Conversion;
import io.crmflow.metrics.WorkflowMetricsResponses.Flow;
import io.crmflow.metrics.WorkflowMetricsResponses.Latency;
import io.crmflow.metrics.WorkflowMetricsResponses.Overview;
import io.crmflow.metrics.WorkflowMetricsResponses.Percentiles;
import io.crmflow.metrics.WorkflowMetricsResponses.ProcessDetail;
import io.crmflow.metrics.WorkflowMetricsResponses.ProcessSummary;
import io.crmflow.metrics.WorkflowMetricsResponses.Throughput;
import io.crmflow.metrics.WorkflowMetricsRepository.Activity;
import io.crmflow.metrics.WorkflowMetricsRepository.Definition;
import io.crmflow.metrics.WorkflowMetricsRepository.FlowSums;
import io.crmflow.metrics.WorkflowMetricsRepository.Grouping;
import java.time.Duration;
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

/**
 * Throughput, latency, throughput rate, efficiency, conversion and step times per process, for a
 * window: whole rolled-up hours from the hourly rollups, the rest from history. Counts, sums (so the
 * rates and flow efficiency) and maxima are exact either way;
 * percentiles are exact while at most crmflow.metrics.exact-percentile-limit durations are ranked,
 * else read from duration histograms (within {@link DurationHistogram#MAX_RELATIVE_ERROR}).
 */
@Service
class WorkflowMetricsService {

  /** Activity types where an instance waits for a person. */
  private static final String USER_TASK = "userTask";
  private static final List<Double> LATENCY_PERCENTILES = List.of(0.5, 0.95, 0.99);
  private static final List<Double> P95 = List.of(0.95);

  private final WorkflowMetricsRepository repository;
  private final RepositoryService repositoryService;
  private final TransactionTemplate readOnly;
  private final long exactPercentileLimit;
  private final long exactFlowLimit;

  WorkflowMetricsService(WorkflowMetricsRepository repository, RepositoryService repositoryService,
      PlatformTransactionManager transactions, MetricsProperties properties) {
    this.repository = repository;
    this.repositoryService = repositoryService;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.exactPercentileLimit = properties.exactPercentileLimit();
    this.exactFlowLimit = properties.exactFlowLimit();
  }

  /** Process summaries and whether their percentiles are exact. */
  private record Summaries(List<ProcessSummary> processes, boolean exact) {
  }

  Overview overview(TimeWindow window) {
    return read(() -> {
      Summaries summaries = summaries(window, repository.split(window), null);
      return new Overview(window.from(), window.to(), summaries.processes(), Percentiles.of(summaries.exact()));
    });
  }

  ProcessDetail detail(String processKey, TimeWindow window) {
    return read(() -> detailInTransaction(known(processKey), window));
  }

  Throughput throughput(String processKey, BucketedWindow buckets) {
    return read(() -> throughputInTransaction(known(processKey), buckets));
  }

  /** One read-only transaction per answer: one snapshot, and room for the percentile sorts. */
  private <T> T read(Supplier<T> query) {
    return readOnly.execute(status -> {
      repository.allowLargeSorts();
      return query.get();
    });
  }

  private ProcessDetail detailInTransaction(String processKey, TimeWindow window) {
    SplitWindow split = repository.split(window);
    Summaries summary = summaries(window, split, processKey);
    Map<String, String> modelNames = activityNames(processKey);
    Map<Activity, DurationHistogram> steps = repository.durations(ACTIVITIES, split, processKey, PER_ACTIVITY);
    Map<Activity, List<Double>> exactP95 = exactWhenFew(steps,
        () -> repository.exactPercentiles(ACTIVITIES, window, processKey, PER_ACTIVITY, P95));
    List<ActivityTime> activities = new ArrayList<>(steps.entrySet().stream()
        .map(step -> {
          Activity activity = step.getKey();
          DurationHistogram durations = step.getValue();
          return new ActivityTime(activity.id(), modelNames.getOrDefault(activity.id(), activity.id()),
              activity.type(), durations.count(), average(durations),
              percentiles(durations, P95, exactP95, activity).get(0), durations.max());
        })
        .toList());
    activities.sort(Comparator.comparingDouble(ActivityTime::avgMillis).reversed());
    Map<String, String> names = activities.stream().filter(a -> a.name() != null)
        .collect(Collectors.toMap(ActivityTime::activityId, ActivityTime::name, (a, b) -> a));
    Map<String, DurationHistogram> ends = repository.durations(COMPLETED_INSTANCES, split, processKey,
        PER_END_ACTIVITY);
    long completed = ends.values().stream().mapToLong(DurationHistogram::count).sum();
    List<Conversion> conversion = ends.entrySet().stream()
        .map(end -> new Conversion(end.getKey(), names.getOrDefault(end.getKey(), end.getKey()),
            end.getValue().count(), round(end.getValue().count() / (double) completed)))
        .sorted(Comparator.comparingLong(Conversion::count).reversed())
        .toList();
    List<ActivityTime> waiting = activities.stream().filter(a -> USER_TASK.equals(a.type())).toList();
    return new ProcessDetail(window.from(), window.to(), summary.processes().get(0), conversion, activities, waiting,
        Percentiles.of(summary.exact() && exactP95 != null));
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

  private Throughput throughputInTransaction(String processKey, BucketedWindow buckets) {
    TimeWindow window = buckets.window();
    Duration bucket = buckets.bucket();
    // a rolled-up hour counts for one bucket only if no bucket boundary falls inside it
    boolean wholeHours = bucket.toMillis() % Duration.ofHours(1).toMillis() == 0
        && HourlyRollup.wallClock(window.from()).equals(HourlyRollup.hourOf(window.from()));
    SplitWindow split = wholeHours ? repository.split(window) : SplitWindow.historyOnly(window);
    Grouping<Long> perBucket = repository.perBucket(bucket);
    Map<Long, Long> started = repository.started(split, processKey, perBucket);
    Map<Long, Long> ended = repository.ended(split, processKey, perBucket);
    Map<Long, DurationHistogram> completed = repository.durations(COMPLETED_INSTANCES, split, processKey, perBucket);
    // buckets that cut hours read history alone: each completed instance's work time is summed from its
    // steps, so beyond the exact limit the flow efficiency is left out rather than taking seconds
    long completedInWindow = completed.values().stream().mapToLong(DurationHistogram::count).sum();
    Map<Long, FlowSums> flow = wholeHours || completedInWindow <= exactPercentileLimit
        ? flow(split, processKey, perBucket).sums() : Map.of();
    Map<Long, List<Double>> exactP95 = exactWhenFew(completed,
        () -> repository.exactPercentiles(COMPLETED_INSTANCES, window, processKey, perBucket, P95));
    // running at each bucket's start: at the window's start, then what started minus what ended before it
    long inFlightAtStart = repository.inFlightAt(window.from(), processKey, PER_PROCESS).getOrDefault(processKey, 0L);
    List<Bucket> series = new ArrayList<>();
    for (long i = 0; i < buckets.count(); i++) {
      DurationHistogram durations = completed.getOrDefault(i, new DurationHistogram());
      long startedInBucket = started.getOrDefault(i, 0L);
      long total = inFlightAtStart + startedInBucket;
      series.add(new Bucket(buckets.start(i), startedInBucket, durations.count(),
          percentiles(durations, P95, exactP95, i).get(0), inFlightAtStart, total, rate(durations.count(), total),
          flowEfficiency(flow.getOrDefault(i, FlowSums.NONE))));
      inFlightAtStart = total - ended.getOrDefault(i, 0L);
    }
    return new Throughput(processKey, window.from(), window.to(), bucket.toString(), series,
        Percentiles.of(exactP95 != null));
  }

  /** The process's key; 404 when no version of it is deployed. */
  private String known(String processKey) {
    if (repository.definitions(processKey).isEmpty()) {
      throw new NotFoundException("Process", processKey);
    }
    return processKey;
  }

  private Summaries summaries(TimeWindow window, SplitWindow split, String processKey) {
    List<Definition> definitions = repository.definitions(processKey);
    Map<String, Long> started = repository.started(split, processKey, PER_DEFINITION);
    Map<String, Long> ended = repository.ended(split, processKey, PER_DEFINITION);
    Map<String, DurationHistogram> completedPerVersion = repository.durations(COMPLETED_INSTANCES, split, processKey,
        PER_DEFINITION);
    Map<String, List<Double>> exactPerVersion = exactWhenFew(completedPerVersion,
        () -> repository.exactPercentiles(COMPLETED_INSTANCES, window, processKey, PER_DEFINITION,
            LATENCY_PERCENTILES));
    Map<String, List<Double>> exactPerProcess = exactPerVersion == null ? null
        : repository.exactPercentiles(COMPLETED_INSTANCES, window, processKey, PER_PROCESS, LATENCY_PERCENTILES);
    Map<String, Long> inFlight = repository.inFlightPerDefinition();
    Map<String, Long> incidents = repository.openIncidentsPerDefinition();
    Map<String, Long> inFlightAtStart = repository.inFlightAt(window.from(), processKey, PER_DEFINITION);
    FlowReading<String> flow = flow(split, processKey, PER_DEFINITION);

    Map<String, List<Definition>> byKey = definitions.stream()
        .collect(Collectors.groupingBy(Definition::key, LinkedHashMap::new, Collectors.toList()));
    List<ProcessSummary> result = new ArrayList<>();
    byKey.forEach((key, versions) -> {
      DurationHistogram completedOfProcess = new DurationHistogram();
      List<ProcessSummary> versionSummaries = versions.stream()
          .sorted(Comparator.comparingInt(Definition::version).reversed())
          .map(definition -> {
            DurationHistogram completed = completedPerVersion.getOrDefault(definition.id(), new DurationHistogram());
            completedOfProcess.addAll(completed);
            long startedInWindow = started.getOrDefault(definition.id(), 0L);
            long total = inFlightAtStart.getOrDefault(definition.id(), 0L) + startedInWindow;
            Double rate = rate(completed.count(), total);
            FlowSums flowSums = flow.sums(definition.id());
            return new ProcessSummary(null, null, definition.version(), definition.id(), definition.versionTag(),
                startedInWindow, completed.count(),
                ended.getOrDefault(definition.id(), 0L) - completed.count(),
                round(completed.count() / window.hours()),
                latency(completed, exactPerVersion, definition.id()),
                inFlight.getOrDefault(definition.id(), 0L), incidents.getOrDefault(definition.id(), 0L),
                total - startedInWindow, total, completed.count(), rate, rate, flowEfficiency(flowSums),
                flow(flowSums, flow.leftOut(definition.id())), null);
          })
          .toList();
      Definition latest = versions.get(versions.size() - 1);
      long completed = completedOfProcess.count();
      long total = sum(versionSummaries, ProcessSummary::totalInWindow);
      Double rate = rate(completed, total);
      FlowSums flowSums = FlowReading.total(versions, flow::sums);
      FlowSums leftOut = FlowReading.total(versions, flow::leftOut);
      result.add(new ProcessSummary(key, latest.name() == null ? key : latest.name(), null, null, null,
          sum(versionSummaries, ProcessSummary::started), completed,
          sum(versionSummaries, ProcessSummary::terminated), round(completed / window.hours()),
          latency(completedOfProcess, exactPerProcess, key),
          sum(versionSummaries, ProcessSummary::inFlight), sum(versionSummaries, ProcessSummary::openIncidents),
          sum(versionSummaries, ProcessSummary::inFlightAtStart), total, completed, rate, rate,
          flowEfficiency(flowSums), flow(flowSums, leftOut), versionSummaries));
    });
    return new Summaries(result, exactPerVersion != null);
  }

  /**
   * Exact percentiles from history when the groups rank at most exactPercentileLimit durations in
   * all (sorting them is quick); else null: read them from the histograms.
   */
  private <K> Map<K, List<Double>> exactWhenFew(Map<K, DurationHistogram> histograms,
      Supplier<Map<K, List<Double>>> exact) {
    long ranked = histograms.values().stream().mapToLong(DurationHistogram::count).sum();
    return ranked <= exactPercentileLimit ? exact.get() : null;
  }

  private static <K> Latency latency(DurationHistogram completed, Map<K, List<Double>> exact, K group) {
    if (completed.count() == 0) {
      return Latency.NONE;
    }
    List<Double> values = percentiles(completed, LATENCY_PERCENTILES, exact, group);
    return new Latency(values.get(0), values.get(1), values.get(2), average(completed), completed.max());
  }

  /** The group's exact percentiles when there are (see exactWhenFew), else its histogram's. */
  private static <K> List<Double> percentiles(DurationHistogram durations, List<Double> percentiles,
      Map<K, List<Double>> exact, K group) {
    if (exact != null && exact.containsKey(group)) {
      return exact.get(group);
    }
    return percentiles.stream().map(p -> {
      Double value = durations.percentile(p);
      return value == null ? null : Math.round(value * 10) / 10.0;
    }).toList();
  }

  /** Throughput rate (and the definition's efficiency): completed ÷ total, null when there were none. */
  private static Double rate(long completed, long total) {
    return total == 0 ? null : round(completed / (double) total);
  }

  private static Double flowEfficiency(FlowSums flow) {
    return flow.endToEndMillis() == 0 ? null : round(flow.workMillis() / (double) flow.endToEndMillis());
  }

  /**
   * Flow sums per group: exact (each instance's work summed from its steps) while the window's
   * history-read parts hold at most crmflow.metrics.exact-flow-limit completed instances, or when none
   * of it is rolled up; else from the rolled-up hours alone, with what that leaves out.
   */
  private <K> FlowReading<K> flow(SplitWindow split, String processKey, Grouping<K> group) {
    if (split.rolledUpFrom().isBefore(split.rolledUpTo())) {
      Map<K, FlowSums> inHistory = repository.completedInHistory(split, processKey, group);
      if (inHistory.values().stream().mapToLong(FlowSums::count).sum() > exactFlowLimit) {
        return new FlowReading<>(repository.rolledUpFlow(split, processKey, group), inHistory);
      }
    }
    return new FlowReading<>(repository.flow(split, processKey, group), Map.of());
  }

  /** Flow sums answered per group, and those of the completed instances they leave out (none when exact). */
  private record FlowReading<K>(Map<K, FlowSums> answered, Map<K, FlowSums> leftOutPerGroup) {

    FlowSums sums(K group) {
      return answered.getOrDefault(group, FlowSums.NONE);
    }

    FlowSums leftOut(K group) {
      return leftOutPerGroup.getOrDefault(group, FlowSums.NONE);
    }

    Map<K, FlowSums> sums() {
      return answered;
    }

    static FlowSums total(List<Definition> versions, Function<String, FlowSums> sums) {
      return versions.stream().map(definition -> sums.apply(definition.id())).reduce(FlowSums.NONE, FlowSums::plus);
    }
  }

  /**
   * The sums answered; with instances left out, how far the flow efficiency can be off: their share of the
   * end-to-end time (their work lies between none and all of it), rounded up.
   */
  private static Flow flow(FlowSums answered, FlowSums leftOut) {
    Double maxError = null;
    if (leftOut.count() > 0) {
      long endToEnd = answered.endToEndMillis() + leftOut.endToEndMillis();
      maxError = endToEnd == 0 ? 0.0 : Math.ceil(leftOut.endToEndMillis() * 1000.0 / endToEnd) / 1000.0;
    }
    return new Flow(answered.count(), answered.workMillis(), answered.endToEndMillis(), maxError);
  }

  private static double average(DurationHistogram durations) {
    return durations.count() == 0 ? 0 : Math.round(durations.sum() * 10.0 / durations.count()) / 10.0;
  }

  private static long sum(List<ProcessSummary> versions, Function<ProcessSummary, Long> value) {
    return versions.stream().map(value).mapToLong(Long::longValue).sum();
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
