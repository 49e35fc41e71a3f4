package io.crmflow.lead;

import io.crmflow.messaging.sms.PhoneNumbers;
import io.crmflow.web.ApiException;
import io.crmflow.workflow.RecordChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Leads and their intake: the lead row and the process working on it commit together. */
@Service
public class LeadService {

  private static final Logger log = LoggerFactory.getLogger(LeadService.class);
  /** Numbers without a leading + are read as North American. */
  static final String DEFAULT_PHONE_REGION = "US";

  private final LeadRepository leads;
  private final RuntimeService runtimeService;
  private final ApplicationEventPublisher events;

  LeadService(LeadRepository leads, RuntimeService runtimeService, ApplicationEventPublisher events) {
    this.leads = leads;
    this.runtimeService = runtimeService;
    this.events = events;
  }

  /** The outcome of a submission: a new intake, or the one already running for that address. */
  public record Submission(IntakeReceipt receipt, boolean newIntake) {
  }

  /**
   * Stores the lead and starts its intake, unless an intake for the same address is still
   * running: then that lead's empty fields are filled in and its receipt returned.
   * A concurrent first submission of the same address fails on the unique open-intake
   * constraint; the caller retries and then finds the winner's intake.
   */
  @Transactional
  public Submission submit(LeadSubmission submission) {
    var running = leads.findWithOpenIntake(submission.email());
    if (running.isPresent()) {
      Lead lead = running.get();
      leads.fillEmptyFields(lead.id(), submission);
      log.info("Lead {} already in intake {}; merged the new submission", lead.id(), lead.processInstanceId());
      return new Submission(new IntakeReceipt(lead.id(), lead.processInstanceId()), false);
    }
    Instant now = Instant.now();
    Lead lead = new Lead(UUID.randomUUID().toString(), submission.name().strip(), submission.email().strip(),
        phone(submission.phone()), blankToNull(submission.company()), submission.companySize(),
        submission.budget(), submission.source(), submission.localeOrDefault(),
        Boolean.TRUE.equals(submission.marketingConsent()), LeadStatus.NEW, null, null, false, null, now, now);
    leads.insertForIntake(lead);
    Map<String, Object> variables = LeadIntakeProcess.LEAD_ID.putInto(new HashMap<>(), lead.id());
    String processInstanceId = runtimeService
        .startProcessInstanceByKey(LeadIntakeProcess.KEY, lead.id(), variables)
        .getId();
    leads.recordProcessInstance(lead.id(), processInstanceId);
    log.info("Lead {} submitted; intake {} started", lead.id(), processInstanceId);
    return new Submission(new IntakeReceipt(lead.id(), processInstanceId), true);
  }

  public Lead get(String leadId) {
    return leads.findById(leadId).orElseThrow(() -> ApiException.notFound("Lead", leadId));
  }

  /** The facts the lead-scoring decision needs; personal data stays in the table. */
  public record ScoringFacts(String source, Integer companySize, Double budget) {
  }

  /** "Create or update lead": the stored lead's scoring facts, which the process scores. */
  public ScoringFacts prepareForScoring(String leadId) {
    Lead lead = get(leadId);
    return new ScoringFacts(lead.source() == null ? null : lead.source().code(), lead.companySize(),
        lead.budget() == null ? null : lead.budget().doubleValue());
  }

  public void recordScore(String leadId, int score, String rating) {
    leads.recordScore(leadId, score, rating);
  }

  public void changeStatus(String leadId, LeadStatus status) {
    leads.updateStatus(leadId, status);
    log.info("Lead {} is now {}", leadId, status);
    events.publishEvent(RecordChange.of(LeadRecord.ENTITY, LeadRecord.STATUS_CHANGED, leadId)
        .with("status", status.name()));
  }

  public void markEmailInvalid(String leadId) {
    leads.markEmailInvalid(leadId);
    log.info("Lead {}: email address is undeliverable", leadId);
  }

  public void closeIntake(String leadId) {
    leads.closeIntake(leadId);
  }

  /** Phone numbers are kept in E.164, so SMS can use them as they are. */
  static String phone(String raw) {
    return raw == null || raw.isBlank() ? null : PhoneNumbers.toE164(raw, DEFAULT_PHONE_REGION);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
