package io.crmflow.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * The build's process-coverage gate, run by {@code mvn verify} after the process tests: merges the
 * per-test-class reports of camunda-process-test-coverage and fails when any process in bpmn/
 * has less than the minimum share of its flow nodes or of its sequence flows covered by the suite
 * as a whole (a process no test starts counts as 0 %). Writes target/process-test-coverage/summary.txt.
 *
 * <p>Arguments: the bpmn/ directory, the report directory, the minimum (0..1).
 */
public final class ProcessCoverageGate {

  private ProcessCoverageGate() {
  }

  record ProcessCoverage(String processKey, int flowNodes, int flowNodesCovered, int sequenceFlows,
      int sequenceFlowsCovered) {

    double flowNodeRatio() {
      return flowNodes == 0 ? 1 : (double) flowNodesCovered / flowNodes;
    }

    double sequenceFlowRatio() {
      return sequenceFlows == 0 ? 1 : (double) sequenceFlowsCovered / sequenceFlows;
    }

    String line() {
      return String.format("%-24s flow nodes %3d/%-3d %5.1f %%   sequence flows %3d/%-3d %5.1f %%", processKey,
          flowNodesCovered, flowNodes, 100 * flowNodeRatio(), sequenceFlowsCovered, sequenceFlows,
          100 * sequenceFlowRatio());
    }
  }

  public static void main(String[] args) throws IOException {
    Path bpmnDirectory = Path.of(args[0]);
    Path reportDirectory = Path.of(args[1]);
    double minimum = Double.parseDouble(args[2]);

    Map<String, Set<String>> covered = coveredElements(reportDirectory);
    List<ProcessCoverage> coverages = new ArrayList<>();
    try (Stream<Path> files = Files.list(bpmnDirectory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (Process process : model.getModelElementsByType(Process.class)) {
          if (process.isExecutable()) {
            coverages.add(coverageOf(process, covered.getOrDefault(process.getId(), Set.of())));
          }
        }
      }
    }

    List<String> lines = new ArrayList<>(coverages.stream().map(ProcessCoverage::line).toList());
    List<ProcessCoverage> below = coverages.stream()
        .filter(c -> c.flowNodeRatio() < minimum || c.sequenceFlowRatio() < minimum)
        .toList();
    lines.add(below.isEmpty() ? "All processes at or above " + percent(minimum)
        : below.size() + " process(es) below " + percent(minimum) + ": "
            + below.stream().map(ProcessCoverage::processKey).toList());
    Files.createDirectories(reportDirectory);
    Files.write(reportDirectory.resolve("summary.txt"), lines);
    System.out.println("Process test coverage (all process test classes, reports in " + reportDirectory + "):");
    lines.forEach(line -> System.out.println("  " + line));
    if (!below.isEmpty()) {
      throw new IllegalStateException("Process test coverage below " + percent(minimum) + " for "
          + below.stream().map(ProcessCoverage::processKey).toList());
    }
  }

  private static ProcessCoverage coverageOf(Process process, Set<String> coveredIds) {
    Set<String> flowNodes = new HashSet<>();
    Set<String> sequenceFlows = new HashSet<>();
    // getModelElementsByType spans the whole file; keep the elements that belong to this process
    process.getModelInstance().getModelElementsByType(FlowNode.class).stream()
        .filter(node -> belongsTo(node, process)).forEach(node -> flowNodes.add(node.getId()));
    process.getModelInstance().getModelElementsByType(SequenceFlow.class).stream()
        .filter(flow -> belongsTo(flow, process)).forEach(flow -> sequenceFlows.add(flow.getId()));
    return new ProcessCoverage(process.getId(), flowNodes.size(), count(flowNodes, coveredIds),
        sequenceFlows.size(), count(sequenceFlows, coveredIds));
  }

  private static boolean belongsTo(org.camunda.bpm.model.xml.instance.ModelElementInstance element, Process process) {
    for (var parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent == process) {
        return true;
      }
    }
    return false;
  }

  private static int count(Set<String> ids, Set<String> coveredIds) {
    return (int) ids.stream().filter(coveredIds::contains).count();
  }

  /** Element ids passed by any test, per process key, from every report.json under the directory. */
  private static Map<String, Set<String>> coveredElements(Path reportDirectory) throws IOException {
    Map<String, Set<String>> covered = new HashMap<>();
    if (!Files.isDirectory(reportDirectory)) {
      return covered;
    }
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(reportDirectory)) {
      for (Path report : files.filter(f -> f.getFileName().toString().equals("report.json")).toList()) {
        for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
          for (JsonNode run : suite.path("runs")) {
            for (JsonNode event : run.path("events")) {
              covered.computeIfAbsent(event.path("modelKey").asText(), key -> new HashSet<>())
                  .add(event.path("definitionKey").asText());
            }
          }
        }
      }
    }
    return covered;
  }

  private static String percent(double ratio) {
    return Math.round(ratio * 100) + " %";
  }
}
