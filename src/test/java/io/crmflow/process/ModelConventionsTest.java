package io.crmflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model in bpmn/ follows crmflow's modelling rules (see DESIGN.md, Models). */
class ModelConventionsTest {

  private static final String ID = "(StartEvent|EndEvent|Task|Gateway|Timer|Event|Error|Message|SequenceFlow|SubProcess"
      + "|Boundary)_[A-Z][A-Za-z0-9]*";

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldBeNamedAfterItsProcessAndCarryTtlAndVersionTag(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    assertThat(file.getFileName().toString()).isEqualTo(process.getId() + ".bpmn");
    assertThat(process.getName()).isNotBlank();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
    assertThat(process.getCamundaVersionTag()).isNotBlank();
    assertThat(model.getDefinitions().getAttributeValueNs("http://camunda.org/schema/modeler/1.0",
        "executionPlatformVersion")).isEqualTo("7.24.0");
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldHaveMeaningfulIdsNamesAndFullDiagram(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Collection<FlowElement> elements = model.getModelElementsByType(FlowElement.class);
    List<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).toList();
    List<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> edge.getBpmnElement().getId()).toList();

    for (FlowElement element : elements) {
      assertThat(element.getId()).as("id of %s", element.getId()).matches(ID);
      if (element instanceof SequenceFlow) {
        assertThat(edges).as("diagram edge for %s", element.getId()).contains(element.getId());
      } else {
        assertThat(element.getName()).as("name of %s", element.getId()).isNotBlank();
        assertThat(shapes).as("diagram shape for %s", element.getId()).contains(element.getId());
      }
    }
    assertThat(model.getModelElementsByType(ScriptTask.class)).as("no script tasks").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldRunEverySendingTaskInItsOwnTransactionWithRetries(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    model.getModelElementsByType(ServiceTask.class).stream()
        .filter(task -> task.getName().startsWith("Send") || task.getName().startsWith("Notify"))
        .forEach(task -> {
          assertThat(task.isCamundaAsyncBefore()).as("%s is async before", task.getId()).isTrue();
          assertThat(retryCycle(task)).as("%s has a retry cycle", task.getId()).isNotBlank();
        });
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldOfferUserTasksToGroupsWithACamundaForm(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaCandidateGroups()).as("%s candidate groups", task.getId()).isNotBlank();
      // an owner from the record (an expression such as ${owner}) is fine; a user id written into the model is not
      assertThat(task.getCamundaAssignee()).as("%s has no fixed assignee", task.getId())
          .satisfiesAnyOf(assignee -> assertThat(assignee).isNull(),
              assignee -> assertThat(assignee).matches("\\$\\{[A-Za-z][A-Za-z0-9]*}"));
      assertThat(task.getCamundaFormRef()).as("%s form", task.getId()).isNotBlank();
      assertThat(Path.of("bpmn/forms", task.getCamundaFormRef() + ".form")).exists();
    }
  }

  private static String retryCycle(BaseElement element) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
        .list().stream().map(CamundaFailedJobRetryTimeCycle::getTextContent).findFirst().orElse(null);
  }

}
