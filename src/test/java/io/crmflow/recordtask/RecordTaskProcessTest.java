package io.crmflow.recordtask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadSubmission;
import io.crmflow.testsupport.ProcessTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** bpmn/record-task.bpmn: a task added to a record waits in Tasklist as "To do" and is done when completed. */
@ProcessTest
class RecordTaskProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired LeadService leadService;
  @Autowired RecordTasks recordTasks;
  @Autowired List<TaskableRecord> taskableRecords;

  private TaskableRecord leads;
  private String leadId;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(processEngine);
    leads = taskableRecords.stream().filter(record -> record.collection().equals("leads")).findFirst().orElseThrow();
    leadId = leadService.submit(new LeadSubmission("Grace Hopper", "grace." + UUID.randomUUID() + "@example.org",
        null, "Navy Labs", null, null, null, null, false, null, null), "test").receipt().leadId();
  }

  @Test
  void shouldWaitAtToDoForTheAssigneeUntilItIsCompleted() {
    OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
    RecordTask added = recordTasks.add(leads, leadId, new RecordTaskRequest("Send the brochure", due, "sam"), "mia");

    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(RecordTaskProcess.KEY)
        .processInstanceBusinessKey(leadId).singleResult();
    assertThat(instance).isStarted().hasBusinessKey(leadId).isWaitingAt(RecordTaskProcess.TASK_TO_DO)
        .hasVariables("recordType", "assignee", "candidateGroups", "due");
    // (its candidate groups: RecordTaskApiTest; the assertions here check them only on unassigned tasks)
    assertThat(task()).hasName("To do").isAssignedTo("sam");
    assertThat(taskService.createTaskQuery().taskId(task().getId()).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey()).isEqualTo(RecordTaskProcess.FORM);
    assertThat(added.taskId()).isEqualTo(task().getId());

    complete(task());

    assertThat(instance).hasPassed(RecordTaskProcess.START_TASK_ADDED, RecordTaskProcess.TASK_TO_DO)
        .isEnded().hasPassed(RecordTaskProcess.END_DONE);
    RecordTask done = recordTasks.get(added.id());
    assertThat(done.status()).isEqualTo(RecordTask.DONE);
    assertThat(done.completedBy()).as("no one logged in: the assignee").isEqualTo("sam");
    assertThat(done.taskId()).isNull();
  }
}
