package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.END_LEAD_QUALIFIED;
import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.OPPORTUNITY_ID;
import static io.crmflow.lead.LeadIntakeProcess.REVIEWER;
import static io.crmflow.lead.LeadIntakeProcess.TASK_CREATE_OPPORTUNITY;
import static io.crmflow.lead.LeadIntakeProcess.TASK_NOTIFY_OPPORTUNITY_OWNER;
import static io.crmflow.lead.LeadIntakeProcess.TASK_READ_SCORING_FACTS;
import static io.crmflow.lead.LeadIntakeProcess.TASK_SCORE_LEAD;
import static io.crmflow.lead.LeadIntakeProcess.TASK_SEND_WELCOME_EMAIL;
import static io.crmflow.lead.LeadIntakeProcess.WELCOME_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.crmflow.opportunity.Opportunity;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestSmtp;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Instances started on lead-intake 1.4.0 still finish after an upgrade: the old model, kept in test
 * resources, runs against today's beans — its "Create or update lead" (now "Read scoring facts") by
 * the former bean name, its "Create opportunity", which also marked the lead qualified before 1.5.0
 * made that its own step.
 */
@ProcessTest
class LeadIntakeOlderVersionsTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired LeadService leadService;
  @Autowired OpportunityService opportunityService;
  @Autowired JdbcClient jdbc;

  private Deployment oldVersion;

  @BeforeEach
  void deployVersion140() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
    try (InputStream model = getClass().getResourceAsStream("/legacy/lead-intake-1.4.0.bpmn.xml")) {
      oldVersion = repositoryService.createDeployment().name("lead-intake 1.4.0 (test)")
          .addInputStream("lead-intake.bpmn", model)
          // the model binds its decision and form by deployment, as every deployment of bpmn/ holds them
          .addClasspathResource("lead-scoring.dmn")
          .addClasspathResource("forms/review-lead.form")
          .deploy();
    }
  }

  @AfterEach
  void removeVersion140() {
    // cascade: its instances go with it, and the current version is the latest again
    repositoryService.deleteDeployment(oldVersion.getId(), true);
  }

  @Test
  void shouldScoreALeadWithTheFormerNameOfReadScoringFacts() {
    String leadId = submitHotLead();
    // an earlier release kept the answer of the welcome claim in a variable, not on the lead
    jdbc.sql("update crm_lead set welcome_due = false where id = :id").param("id", leadId).update();

    ProcessInstance intake = runtimeService.createProcessInstanceById(version140().getId())
        .businessKey(leadId)
        .setVariable(LEAD_ID.name(), leadId)
        .setVariable(WELCOME_DUE.name(), true)
        .startBeforeActivity(TASK_READ_SCORING_FACTS)
        .execute();
    execute(job(intake));

    assertThat(intake).hasPassed(TASK_READ_SCORING_FACTS, TASK_SCORE_LEAD).isWaitingAt(TASK_SEND_WELCOME_EMAIL);
    assertThat(leadService.get(leadId).rating()).isEqualTo("hot");
  }

  @Test
  void shouldQualifyTheLeadAndOpenItsOpportunityInAnInstanceOfVersion140() {
    String leadId = submitHotLead();
    ProcessDefinition version140 = version140();

    // an instance of 1.4.0 whose reviewer has just said "qualified"
    ProcessInstance intake = runtimeService.createProcessInstanceById(version140.getId())
        .businessKey(leadId)
        .setVariable(LEAD_ID.name(), leadId)
        .setVariable(REVIEWER.name(), "sam")
        .startBeforeActivity(TASK_CREATE_OPPORTUNITY)
        .execute();

    assertThat(intake).isWaitingAt(TASK_NOTIFY_OPPORTUNITY_OWNER).hasPassed(TASK_CREATE_OPPORTUNITY);
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.QUALIFIED);
    Opportunity opportunity = opportunityService.forLead(leadId).orElseThrow();
    assertThat(opportunity.owner()).isEqualTo("sam");
    assertThat(runtimeService.getVariable(intake.getId(), OPPORTUNITY_ID.name())).isEqualTo(opportunity.id());

    execute(job(intake));
    assertThat(intake).isEnded().hasPassed(END_LEAD_QUALIFIED);
    assertThat(TestSmtp.messagesTo("sam@crmflow.example")).hasSize(1);
  }

  private ProcessDefinition version140() {
    ProcessDefinition version140 = repositoryService.createProcessDefinitionQuery()
        .deploymentId(oldVersion.getId()).singleResult();
    assertThat(version140.getVersionTag()).isEqualTo("1.4.0");
    return version140;
  }

  /** Stored, and its current-version intake left waiting at its first job. */
  private String submitHotLead() {
    String email = "grace." + UUID.randomUUID() + "@example.org";
    return leadService.submit(new LeadSubmission("Grace Hopper", email, null, "Navy", 1000,
        new BigDecimal("100000"), LeadSource.REFERRAL, null, true, null, null), "test").receipt().leadId();
  }
}
