package io.crmflow.lead;

import io.crmflow.messaging.sms.PhoneNumbers;
import io.crmflow.security.CrmGroups;
import io.crmflow.web.ApiException;
import io.crmflow.workflow.RecordChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Leads and their intake: the lead row and the process working on it commit together. */
@Service
public class LeadService {

  private static final Logger log = LoggerFactory.getLogger(LeadService.class);
  /** Numbers without a leading + are read as North American. */
  static final String DEFAULT_PHONE_REGION = "US";

  /** Status changes sales may make by hand; NEW and IN_REVIEW belong to lead intake, QUALIFIED is final. */
  private static final Map<LeadStatus, Set<LeadStatus>> MANUAL_TRANSITIONS = Map.of(
      LeadStatus.NURTURING, EnumSet.of(LeadStatus.COLD, LeadStatus.DISQUALIFIED),
      LeadStatus.COLD, EnumSet.of(LeadStatus.NURTURING, LeadStatus.DISQUALIFIED),
      LeadStatus.DISQUALIFIED, EnumSet.of(LeadStatus.NURTURING));
  /** A lead in one of these statuses that is re-scored hot goes to lead-intake's review. */
  private static final Set<LeadStatus> REVIEW_ON_HOT = EnumSet.of(LeadStatus.NURTURING, LeadStatus.COLD);
  /** Groups whose members may own a lead. */
  private static final List<String> OWNER_GROUPS = List.of(CrmGroups.SALES, CrmGroups.SALES_MANAGERS);

  private final LeadRepository leads;
  private final RuntimeService runtimeService;
  private final DecisionService decisionService;
  private final IdentityService identityService;
  private final LeadNurtureService nurtureService;
  private final ApplicationEventPublisher events;
  /** Runs a statement in a savepoint of the current transaction, so that its failure can be handled. */
  private final TransactionTemplate savepoint;

  LeadService(LeadRepository leads, RuntimeService runtimeService, DecisionService decisionService,
      IdentityService identityService, LeadNurtureService nurtureService, ApplicationEventPublisher events,
      PlatformTransactionManager transactions) {
    this.leads = leads;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.runtimeService = runtimeService;
    this.decisionService = decisionService;
    this.identityService = identityService;
    this.nurtureService = nurtureService;
    this.events = events;
  }

  /** The outcome of a submission: a new intake, or the one already running for that address. */
  public record Submission(IntakeReceipt receipt, boolean newIntake) {
  }

  /**
   * Stores the lead and starts its intake, unless an intake for the same address is still
   * running: then that lead's empty fields are filled in and its receipt returned.
   * Of concurrent first submissions of one address, one inserts its lead; the others wait for it on
   * the unique open-intake constraint and merge into that lead, even when its intake has ended
   * by the time they look.
   */
  @Transactional
  public Submission submit(LeadSubmission submission) {
    var running = leads.findWithOpenIntake(submission.email());
    if (running.isPresent()) {
      return merge(running.get(), submission);
    }
    Instant now = Instant.now();
    Lead lead = new Lead(UUID.randomUUID().toString(), submission.name().strip(), submission.email().strip(),
        phone(submission.phone()), blankToNull(submission.company()), submission.companySize(),
        submission.budget(), submission.source(), submission.localeOrDefault(),
        Boolean.TRUE.equals(submission.marketingConsent()), LeadStatus.NEW, null, null, false, null, null, null,
        now, now, now, now);
    Optional<Lead> concurrentWinner = insertUnlessConcurrentlySubmitted(lead);
    if (concurrentWinner.isPresent()) {
      return merge(concurrentWinner.get(), submission);
    }
    Map<String, Object> variables = LeadIntakeProcess.LEAD_ID.putInto(new HashMap<>(), lead.id());
    String processInstanceId = runtimeService
        .startProcessInstanceByKey(LeadIntakeProcess.KEY, lead.id(), variables)
        .getId();
    leads.recordProcessInstance(lead.id(), processInstanceId);
    log.info("Lead {} submitted; intake {} started", lead.id(), processInstanceId);
    return new Submission(new IntakeReceipt(lead.id(), processInstanceId), true);
  }

  private Submission merge(Lead lead, LeadSubmission submission) {
    leads.fillEmptyFields(lead.id(), submission);
    log.info("Lead {} (intake {}) has this address; merged the new submission", lead.id(), lead.processInstanceId());
    return new Submission(new IntakeReceipt(lead.id(), lead.processInstanceId()), false);
  }

  /**
   * Inserts the lead in a savepoint. When a concurrent submission of the same address holds the
   * open-intake slot, the insert waits for it to commit and fails; that submission's lead is returned
   * then. Looking it up by address rather than by open intake matters: its intake may already have
   * ended, and this submission must still not start a second one.
   */
  private Optional<Lead> insertUnlessConcurrentlySubmitted(Lead lead) {
    try {
      savepoint.executeWithoutResult(status -> leads.insertForIntake(lead));
      return Optional.empty();
    } catch (DuplicateKeyException e) {
      // PostgreSQL and H2 report the clash only once the other transaction has committed, so its lead
      // is the newest with this address; should none be visible, the caller's retry looks again
      return Optional.of(leads.findNewestByEmail(lead.email()).orElseThrow(() -> e));
    }
  }

  public Lead get(String leadId) {
    return leads.findById(leadId).orElseThrow(() -> ApiException.notFound("Lead", leadId));
  }

  /** The reviewer's note from "Review lead", if any (kept in crm_lead, not in the process). */
  String reviewNote(String leadId) {
    return leads.reviewNote(leadId).orElse(null);
  }

  /** The facts the lead-scoring decision needs; personal data stays in the table. */
  public record ScoringFacts(String source, Integer companySize, Double budget, boolean marketingConsent) {

    Map<String, Object> decisionInputs() {
      Map<String, Object> inputs = new HashMap<>();
      inputs.put(LeadIntakeProcess.SOURCE.name(), source);
      inputs.put(LeadIntakeProcess.COMPANY_SIZE.name(), companySize);
      inputs.put(LeadIntakeProcess.BUDGET.name(), budget);
      return inputs;
    }
  }

  /** "Create or update lead": the stored lead's scoring facts, which the process scores. */
  public ScoringFacts prepareForScoring(String leadId) {
    return scoringFacts(get(leadId));
  }

  private static ScoringFacts scoringFacts(Lead lead) {
    return new ScoringFacts(lead.source() == null ? null : lead.source().code(), lead.companySize(),
        lead.budget() == null ? null : lead.budget().doubleValue(), lead.marketingConsent());
  }

  /**
   * {@code PATCH /api/leads/{id}}: changes the fields present in the request, re-scores the lead when
   * a scoring fact changed and publishes Lead.Updated, Lead.OwnerChanged, Lead.StatusChanged and
   * Lead.Rescored. A hot result for a NURTURING or COLD lead ends its nurture sequence and starts
   * lead-intake at "Review lead". The lead row stays locked until commit, so racing PATCHes of one
   * lead apply one after the other.
   *
   * @throws ApiException 404 unknown lead, 409 status change not allowed, 400 unknown owner
   */
  @Transactional
  public Lead update(String leadId, LeadChanges changes, Set<String> present) {
    Lead before = leads.lockById(leadId).orElseThrow(() -> ApiException.notFound("Lead", leadId));
    for (String field : LeadChanges.REQUIRED) {
      if (present.contains(field) && valueOf(changes, field) == null) {
        throw ApiException.invalidField(field, "must not be null");
      }
    }
    Lead after = new Lead(before.id(),
        present.contains("name") ? changes.name().strip() : before.name(),
        before.email(),
        present.contains("phone") ? phone(changes.phone()) : before.phone(),
        present.contains("company") ? blankToNull(changes.company()) : before.company(),
        present.contains("companySize") ? changes.companySize() : before.companySize(),
        present.contains("budget") ? changes.budget() : before.budget(),
        present.contains("source") ? changes.source() : before.source(),
        before.locale(), before.marketingConsent(),
        present.contains("status") ? changes.status() : before.status(),
        before.score(), before.rating(), before.emailInvalid(), before.processInstanceId(),
        present.contains("owner") ? blankToNull(changes.owner()) : before.owner(),
        before.nurtureExitReason(), before.createdAt(), before.updatedAt(), before.lastActivityAt(),
        before.statusChangedAt());

    List<String> changed = LeadChanges.FIELDS.stream()
        .filter(field -> !sameValue(valueOf(before, field), valueOf(after, field)))
        .toList();
    if (changed.isEmpty()) {
      return before;
    }
    if (changed.contains("status")) {
      requireManualTransition(before.status(), after.status());
    }
    if (changed.contains("owner") && after.owner() != null) {
      requireOwner(after.owner());
    }

    leads.updateFields(after);
    events.publishEvent(RecordChange.of(LeadRecord.ENTITY, LeadRecord.UPDATED, leadId)
        .with("changedFields", String.join(",", changed)));
    if (changed.contains("owner")) {
      RecordChange ownerChanged = RecordChange.of(LeadRecord.ENTITY, LeadRecord.OWNER_CHANGED, leadId);
      events.publishEvent(after.owner() == null ? ownerChanged : ownerChanged.with("owner", after.owner()));
    }
    if (changed.contains("status")) {
      changeStatus(leadId, after.status());
      if (before.status() == LeadStatus.NURTURING) {
        nurtureService.tell(leadId, LeadNurtureProcess.MESSAGE_NURTURE_STOPPED, Map.of());
      }
      if (after.status() == LeadStatus.NURTURING) {
        nurtureService.start(leadId);
      }
    }
    if (changed.stream().anyMatch(LeadChanges.SCORING::contains)) {
      rescore(after);
    }
    log.info("Lead {} changed: {}", leadId, String.join(",", changed));
    return get(leadId);
  }

  /** Runs the lead-scoring decision on the lead's new facts, as lead intake's "Score lead" does. */
  private void rescore(Lead lead) {
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(LeadIntakeProcess.DECISION_LEAD_SCORING)
        .variables(scoringFacts(lead).decisionInputs())
        .evaluate()
        .getSingleResult();
    int score = ((Number) result.getEntry(LeadIntakeProcess.SCORE.name())).intValue();
    String rating = result.getEntry(LeadIntakeProcess.RATING.name());
    leads.recordScore(lead.id(), score, rating);
    events.publishEvent(RecordChange.of(LeadRecord.ENTITY, LeadRecord.RESCORED, lead.id())
        .with(LeadIntakeProcess.SCORE.name(), score).with(LeadIntakeProcess.RATING.name(), rating));
    log.info("Lead {} re-scored: {} ({})", lead.id(), score, rating);
    if (LeadIntakeProcess.RATING_HOT.equals(rating) && REVIEW_ON_HOT.contains(lead.status())) {
      handOverToReview(lead.id(), score, rating);
    }
  }

  /**
   * A nurtured lead turned hot: its nurture sequence ends (RESCORED_HOT) and a new lead-intake
   * instance starts at its message start event "Lead re-scored hot", which joins the intake right
   * before "Mark lead in review" — so there is one "Review lead" task definition for every hot lead.
   */
  private void handOverToReview(String leadId, int score, String rating) {
    nurtureService.tell(leadId, LeadNurtureProcess.MESSAGE_LEAD_RESCORED_HOT, Map.of());
    if (runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadIntakeProcess.KEY)
        .processInstanceBusinessKey(leadId).count() > 0) {
      log.info("Lead {} re-scored hot while its intake still runs; the intake goes on", leadId);
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    LeadIntakeProcess.LEAD_ID.putInto(variables, leadId);
    LeadIntakeProcess.SCORE.putInto(variables, score);
    LeadIntakeProcess.RATING.putInto(variables, rating);
    String processInstanceId = runtimeService.createMessageCorrelation(LeadIntakeProcess.MESSAGE_REVIEW_REQUESTED)
        .processInstanceBusinessKey(leadId)
        .setVariables(variables)
        .correlateStartMessage()
        .getId();
    leads.recordProcessInstance(leadId, processInstanceId);
    log.info("Lead {} re-scored hot; intake {} reviews it", leadId, processInstanceId);
  }

  private void requireManualTransition(LeadStatus from, LeadStatus to) {
    Set<LeadStatus> allowed = MANUAL_TRANSITIONS.getOrDefault(from, Set.of());
    if (!allowed.contains(to)) {
      throw ApiException.conflict("A " + from + " lead cannot be set to " + to + (allowed.isEmpty()
          ? "; its status is set by its workflow"
          : "; allowed: " + allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", "))));
    }
  }

  private void requireOwner(String userId) {
    boolean salesperson = identityService.createUserQuery().userId(userId).count() > 0
        && OWNER_GROUPS.stream().anyMatch(group ->
            identityService.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
    if (!salesperson) {
      throw ApiException.invalidField("owner", "must be the user id of a member of sales or sales-managers");
    }
  }

  private static Object valueOf(Lead lead, String field) {
    return switch (field) {
      case "name" -> lead.name();
      case "phone" -> lead.phone();
      case "company" -> lead.company();
      case "companySize" -> lead.companySize();
      case "budget" -> lead.budget();
      case "source" -> lead.source();
      case "owner" -> lead.owner();
      case "status" -> lead.status();
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static Object valueOf(LeadChanges changes, String field) {
    return switch (field) {
      case "name" -> changes.name();
      case "status" -> changes.status();
      default -> throw new IllegalArgumentException(field);
    };
  }

  /** 30000 and 30000.00 are the same budget. */
  private static boolean sameValue(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  /** The outcome of a reply: whether it ended a running nurture sequence. */
  public record ReplyReceipt(String leadId, boolean nurtureEnded) {
  }

  /**
   * {@code POST /api/leads/{id}/replies}: the lead answered. Counts as activity, publishes
   * Lead.Replied and sends LeadReplied to the lead's nurture sequence, which ends it.
   */
  @Transactional
  public ReplyReceipt recordReply(String leadId, LeadReply reply) {
    leads.lockById(leadId).orElseThrow(() -> ApiException.notFound("Lead", leadId));
    leads.recordActivity(leadId, reply.receivedAtOrNow());
    events.publishEvent(RecordChange.of(LeadRecord.ENTITY, LeadRecord.REPLIED, leadId)
        .with("channel", reply.channel().code()));
    boolean ended = nurtureService.tell(leadId, LeadNurtureProcess.MESSAGE_LEAD_REPLIED,
        LeadNurtureProcess.REPLY_CHANNEL.putInto(new HashMap<>(), reply.channel().code()));
    log.info("Lead {} replied by {}", leadId, reply.channel().code());
    return new ReplyReceipt(leadId, ended);
  }

  /** A nurture sequence ended: why goes on the lead; the end of the sequence makes the lead COLD. */
  public void endNurture(String leadId, String processInstanceId, NurtureExitReason reason) {
    nurtureService.recordExit(processInstanceId, reason);
    leads.recordNurtureExit(leadId, reason);
    switch (reason) {
      case SEQUENCE_ENDED -> changeStatus(leadId, LeadStatus.COLD);
      case UNSUBSCRIBED -> leads.withdrawMarketingConsent(leadId);
      default -> { }
    }
    log.info("Lead {}: nurture sequence {} ended ({})", leadId, processInstanceId, reason);
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
