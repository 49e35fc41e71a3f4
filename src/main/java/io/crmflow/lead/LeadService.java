package io.crmflow.lead;

import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactService;
import io.crmflow.contact.CountryCodes;
import io.crmflow.contact.FieldPolicy;
import io.crmflow.contact.PhoneNumbers;
import io.crmflow.contact.Submission;
import io.crmflow.contact.SubmissionChannel;
import io.crmflow.process.RecordChange;
import io.crmflow.security.CrmGroups;
import io.crmflow.shared.ConflictException;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.NotFoundException;
import io.crmflow.shared.RecordType;
import io.crmflow.web.Page;
import io.crmflow.web.Paging;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
  private final ContactService contacts;
  private final RuntimeService runtimeService;
  private final DecisionService decisionService;
  private final IdentityService identityService;
  private final LeadNurtureService nurtureService;
  private final ApplicationEventPublisher events;
  private final LeadSettings settings;

  LeadService(LeadRepository leads, ContactService contacts, RuntimeService runtimeService,
      DecisionService decisionService, IdentityService identityService, LeadNurtureService nurtureService,
      ApplicationEventPublisher events, LeadSettings settings) {
    this.leads = leads;
    this.contacts = contacts;
    this.runtimeService = runtimeService;
    this.decisionService = decisionService;
    this.identityService = identityService;
    this.nurtureService = nurtureService;
    this.events = events;
    this.settings = settings;
  }

  /**
   * The outcome of a submission: a new lead and intake, or the person's open lead it merged into.
   *
   * @param newContact the submission introduced a person crmflow did not know
   */
  public record Outcome(IntakeReceipt receipt, boolean newLead, boolean newContact) {
  }

  /**
   * {@code POST /api/leads}: the person's contact (found by address, or created) takes the submission
   * on its timeline, newer non-empty details winning. While the contact has an open lead (NEW,
   * IN_REVIEW, NURTURING) the submission merges into it; otherwise a new lead of the same contact
   * starts its intake. The contact's row is locked first, so concurrent submissions of one person
   * take turns and never open two leads.
   */
  @Transactional
  public Outcome submit(LeadSubmission submission, String submittedBy) {
    return submit(submission, SubmissionChannel.API, submittedBy, false);
  }

  /**
   * As {@link #submit(LeadSubmission, String)}, from any channel. A queued intake (CSV import) is
   * started later, at a paced rate, by {@link QueuedIntakeStarter}.
   */
  @Transactional
  public Outcome submit(LeadSubmission submission, SubmissionChannel channel, String submittedBy,
      boolean queueIntake) {
    ContactService.Registration registration = contacts.register(submission.contactDetails(), FieldPolicy.NEWER_WINS);
    Contact contact = registration.contact();
    // a person crmflow has just met has no lead yet
    Optional<Lead> open = registration.created() ? Optional.empty() : leads.findOpen(contact.id());
    Outcome outcome = open.isPresent() ? merge(open.get(), submission)
        : newLead(contact, submission, queueIntake, registration.created());
    contacts.recordSubmission(contact.id(), Submission.of(channel, submittedBy)
        .withFacts(submission.source() == null ? null : submission.source().code(), submission.companySize(),
            submission.budget())
        .forLead(outcome.receipt().leadId()));
    return outcome;
  }

  private Outcome newLead(Contact contact, LeadSubmission submission, boolean queueIntake, boolean newContact) {
    Instant now = Instant.now();
    String leadId = UUID.randomUUID().toString();
    // the intake starts first, so that the lead is written once, with its intake: nothing of the start reads
    // the lead (its first step is asynchronous) and both commit together
    boolean welcomeDue = !queueIntake && claimWelcome(contact.id());
    String processInstanceId = queueIntake ? null : startIntake(leadId);
    Lead lead = new Lead(leadId, contact.id(), contact.name(), contact.email(), contact.phone(),
        contact.company(), submission.companySize(), submission.budget(), submission.source(),
        CountryCodes.normalise(submission.country()), contact.locale(),
        contact.marketingConsent(), contact.smsConsent(), LeadStatus.NEW, null, null, contact.emailInvalid(),
        processInstanceId, null, null, now, now, now, now);
    leads.insert(lead, queueIntake, welcomeDue);
    if (queueIntake) {
      log.info("Lead {} of contact {} stored; its intake is queued", leadId, contact.id());
    } else {
      log.info("Lead {} of contact {} submitted; intake {} started", leadId, contact.id(), processInstanceId);
    }
    return new Outcome(new IntakeReceipt(leadId, contact.id(), processInstanceId), true, newContact);
  }

  /**
   * Claims the contact's welcome email for an intake that starts now ("Welcome due?"): true unless the person got
   * one within {@code crmflow.leads.welcome-interval}, however many leads they submit. In a submission the
   * contact's row is locked already (registering it did), so the claim takes no lock of its own.
   */
  private boolean claimWelcome(String contactId) {
    return contacts.claimWelcome(contactId, settings.welcomeInterval());
  }

  /** Starts lead-intake for a lead (its business key). */
  private String startIntake(String leadId) {
    Map<String, Object> variables = new HashMap<>();
    LeadIntakeProcess.LEAD_ID.putInto(variables, leadId);
    return runtimeService.startProcessInstanceByKey(LeadIntakeProcess.KEY, leadId, variables).getId();
  }

  /** Imported leads waiting for their intake, oldest first. */
  List<String> queuedForIntake(int limit) {
    return leads.queuedForIntake(limit);
  }

  /** Starts the intake of a queued (imported) lead; false when another instance of the cluster took it. */
  @Transactional
  public boolean startQueuedIntake(String leadId) {
    if (!leads.claimQueuedIntake(leadId)) {
      return false;
    }
    boolean welcomeDue = claimWelcome(leads.contactOf(leadId).orElseThrow());
    String processInstanceId = startIntake(leadId);
    leads.recordIntake(leadId, processInstanceId, welcomeDue);
    log.info("Lead {}: queued intake {} started", leadId, processInstanceId);
    return true;
  }

  /**
   * A later submission of a person with an open lead: the lead's newer non-empty facts win and it
   * is re-scored when one changed (a hot result for a nurtured lead goes to review). It counts as
   * activity either way.
   */
  private Outcome merge(Lead open, LeadSubmission submission) {
    Lead before = leads.lockById(open.id()).orElseThrow();
    Lead after = withFacts(before,
        submission.companySize() != null ? submission.companySize() : before.companySize(),
        submission.budget() != null ? submission.budget() : before.budget(),
        submission.source() != null ? submission.source() : before.source(),
        submission.country() != null ? CountryCodes.normalise(submission.country()) : before.country(),
        before.owner(), before.status());
    boolean scoringChanged = LeadChanges.SCORING.stream()
        .anyMatch(field -> !sameValue(valueOf(before, field), valueOf(after, field)));
    if (scoringChanged) {
      leads.updateFields(after);
      rescore(after);
    } else if (!Objects.equals(before.country(), after.country())) {
      leads.updateFields(after);
    } else {
      leads.recordActivity(before.id(), Instant.now());
    }
    log.info("Lead {} of contact {} is open; merged the new submission", before.id(), before.contactId());
    return new Outcome(new IntakeReceipt(before.id(), before.contactId(), before.processInstanceId()), false, false);
  }

  /** What {@code POST /api/leads} answers about the lead, as it is now (an Idempotency-Key's replay). */
  public IntakeReceipt receipt(String leadId) {
    Lead lead = get(leadId);
    return new IntakeReceipt(lead.id(), lead.contactId(), lead.processInstanceId());
  }

  public Lead get(String leadId) {
    return leads.findById(leadId).orElseThrow(() -> new NotFoundException(RecordType.LEAD, leadId));
  }

  /** The reviewer's note from "Review lead", if any (kept in crm_lead, not in the process). */
  public String reviewNote(String leadId) {
    return leads.reviewNote(leadId).orElse(null);
  }

  /**
   * What "Read scoring facts" hands to lead intake: the lead-scoring decision's inputs, the person's marketing
   * consent and whether the intake sends the welcome email (claimed when it started). No personal data.
   */
  public record ScoringFacts(String source, Integer companySize, Double budget, boolean marketingConsent,
                             boolean welcomeDue) {
  }

  /** What the lead-routing decision routes by ("Read routing facts"); no personal data. */
  public record RoutingFacts(String country, Integer companySize, String source, String locale) {
  }

  /** "Read routing facts": the stored lead's routing facts. */
  public RoutingFacts routingFacts(String leadId) {
    Lead lead = get(leadId);
    return new RoutingFacts(lead.country(), lead.companySize(), lead.source() == null ? null : lead.source().code(),
        lead.locale() == null ? null : lead.locale().tag());
  }

  /** "Read scoring facts": the stored lead's scoring facts, which the process scores. */
  public ScoringFacts scoringFacts(String leadId) {
    return leads.scoringFacts(leadId).orElseThrow(() -> new NotFoundException(RecordType.LEAD, leadId));
  }

  /**
   * {@code PATCH /api/leads/{id}}: changes the fields present in the request, re-scores the lead when
   * a scoring fact changed and publishes Lead.Updated, Lead.OwnerChanged, Lead.StatusChanged and
   * Lead.Rescored. A hot result for a NURTURING or COLD lead ends its nurture sequence and starts
   * lead-intake at "Review lead". The lead row stays locked until commit, so racing PATCHes of one
   * lead apply one after the other.
   *
   * @throws NotFoundException unknown lead; {@link ConflictException} status change not allowed;
   *     {@link InvalidFieldException} unknown owner
   */
  @Transactional
  public Lead update(String leadId, LeadChanges changes, Set<String> present) {
    Lead before = leads.lockById(leadId).orElseThrow(() -> new NotFoundException(RecordType.LEAD, leadId));
    for (String field : LeadChanges.REQUIRED) {
      if (present.contains(field) && valueOf(changes, field) == null) {
        throw new InvalidFieldException(field, "must not be null");
      }
    }
    Lead after = new Lead(before.id(), before.contactId(),
        present.contains("name") ? changes.name().strip() : before.name(),
        before.email(),
        present.contains("phone") ? phone(changes.phone()) : before.phone(),
        present.contains("company") ? blankToNull(changes.company()) : before.company(),
        present.contains("companySize") ? changes.companySize() : before.companySize(),
        present.contains("budget") ? changes.budget() : before.budget(),
        present.contains("source") ? changes.source() : before.source(),
        present.contains("country") ? CountryCodes.normalise(changes.country()) : before.country(),
        before.locale(), before.marketingConsent(), before.smsConsent(),
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

    if (changed.contains("status") && after.status() == LeadStatus.NURTURING) {
      requireNoOtherOpenLead(after);
    }

    if (changed.stream().anyMatch(LeadChanges.PERSON::contains)) {
      // the name, phone and company are the person's: corrected on their contact, for every lead of theirs
      contacts.correct(after.contactId(), after.name(), after.phone(), after.company());
    }
    leads.updateFields(after);
    events.publishEvent(RecordChange.of(RecordType.LEAD, LeadChangeMessages.UPDATED, leadId)
        .with("changedFields", String.join(",", changed)));
    if (changed.contains("owner")) {
      publishOwnerChanged(leadId, after.owner());
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

  /** The lead-scoring decision's inputs, as "Read scoring facts" hands them to lead intake. */
  private static Map<String, Object> scoringInputs(Lead lead) {
    Map<String, Object> inputs = new HashMap<>();
    LeadIntakeProcess.SOURCE.putInto(inputs, lead.source() == null ? null : lead.source().code());
    LeadIntakeProcess.COMPANY_SIZE.putInto(inputs, lead.companySize());
    LeadIntakeProcess.BUDGET.putInto(inputs, lead.budget() == null ? null : lead.budget().doubleValue());
    return inputs;
  }

  /** Runs the lead-scoring decision on the lead's new facts, as lead intake's "Score lead" does. */
  private void rescore(Lead lead) {
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(LeadIntakeProcess.DECISION_LEAD_SCORING)
        .variables(scoringInputs(lead))
        .evaluate()
        .getSingleResult();
    int score = ((Number) result.getEntry(LeadIntakeProcess.SCORE.name())).intValue();
    String rating = result.getEntry(LeadIntakeProcess.RATING.name());
    leads.recordScore(lead.id(), score, rating);
    events.publishEvent(RecordChange.of(RecordType.LEAD, LeadChangeMessages.RESCORED, lead.id())
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

  private static Lead withFacts(Lead lead, Integer companySize, BigDecimal budget, LeadSource source, String country,
      String owner, LeadStatus status) {
    return new Lead(lead.id(), lead.contactId(), lead.name(), lead.email(), lead.phone(), lead.company(), companySize,
        budget, source, country, lead.locale(), lead.marketingConsent(), lead.smsConsent(), status, lead.score(),
        lead.rating(), lead.emailInvalid(), lead.processInstanceId(), owner, lead.nurtureExitReason(),
        lead.createdAt(), lead.updatedAt(), lead.lastActivityAt(), lead.statusChangedAt());
  }

  /** One person is worked through one lead at a time: a second may not be moved back into nurturing. */
  private void requireNoOtherOpenLead(Lead lead) {
    contacts.lock(lead.contactId());
    leads.findOpen(lead.contactId()).filter(open -> !open.id().equals(lead.id())).ifPresent(open -> {
      throw new ConflictException("The lead's contact already has open lead " + open.id() + " (" + open.status()
          + "); a person is worked through one lead at a time");
    });
  }

  private void requireManualTransition(LeadStatus from, LeadStatus to) {
    Set<LeadStatus> allowed = MANUAL_TRANSITIONS.getOrDefault(from, Set.of());
    if (!allowed.contains(to)) {
      throw new ConflictException("A " + from + " lead cannot be set to " + to + (allowed.isEmpty()
          ? "; its status is set by its workflow"
          : "; allowed: " + allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", "))));
    }
  }

  private void requireOwner(String userId) {
    boolean salesperson = identityService.createUserQuery().userId(userId).count() > 0
        && OWNER_GROUPS.stream().anyMatch(group ->
            identityService.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
    if (!salesperson) {
      throw new InvalidFieldException("owner", "must be the user id of a member of sales or sales-managers");
    }
  }

  private static Object valueOf(Lead lead, String field) {
    return switch (field) {
      case "name" -> lead.name();
      case "phone" -> lead.phone();
      case "company" -> lead.company();
      case "companySize" -> lead.companySize();
      case "country" -> lead.country();
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

  /** The person's lead being worked (new, in review or nurturing), if any: a person has at most one. */
  public Optional<Lead> openLeadOf(String contactId) {
    return leads.findOpen(contactId);
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
    leads.lockById(leadId).orElseThrow(() -> new NotFoundException(RecordType.LEAD, leadId));
    leads.recordActivity(leadId, reply.receivedAtOrNow());
    events.publishEvent(RecordChange.of(RecordType.LEAD, LeadChangeMessages.REPLIED, leadId)
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
      case SEQUENCE_ENDED, MERGED -> changeStatus(leadId, LeadStatus.COLD);
      case UNSUBSCRIBED -> contacts.withdrawMarketingConsent(get(leadId).contactId());
      default -> { }
    }
    log.info("Lead {}: nurture sequence {} ended ({})", leadId, processInstanceId, reason);
  }

  public void recordScore(String leadId, int score, String rating) {
    leads.recordScore(leadId, score, rating);
  }

  /**
   * The lead's owner is now {@code owner} (a user id; null: nobody), as lead intake assigned it or a
   * reviewer took the task in Tasklist; published as Lead.OwnerChanged.
   *
   * @return whether the owner changed
   */
  @Transactional
  public boolean changeOwner(String leadId, String owner) {
    Lead before = leads.lockById(leadId).orElseThrow(() -> new NotFoundException(RecordType.LEAD, leadId));
    if (Objects.equals(before.owner(), owner)) {
      return false;
    }
    leads.updateOwner(leadId, owner);
    log.info("Lead {} is now owned by {}", leadId, owner);
    publishOwnerChanged(leadId, owner);
    return true;
  }

  /** Lead.OwnerChanged, variable {@code owner} the new owner's user id (absent when nobody owns it). */
  private void publishOwnerChanged(String leadId, String owner) {
    RecordChange ownerChanged = RecordChange.of(RecordType.LEAD, LeadChangeMessages.OWNER_CHANGED, leadId);
    events.publishEvent(owner == null ? ownerChanged : ownerChanged.with("owner", owner));
  }

  public void changeStatus(String leadId, LeadStatus status) {
    leads.updateStatus(leadId, status);
    log.info("Lead {} is now {}", leadId, status);
    events.publishEvent(RecordChange.of(RecordType.LEAD, LeadChangeMessages.STATUS_CHANGED, leadId)
        .with("status", status.name()));
  }

  public void markEmailInvalid(String leadId) {
    contacts.markEmailInvalid(get(leadId).contactId());
    log.info("Lead {}: email address is undeliverable", leadId);
  }

  /** One page of the leads the filter matches ({@code GET /api/leads}, the workspace's lead list). */
  public Page<Lead> list(LeadFilter filter, Paging paging) {
    return leads.list(filter, paging);
  }

  /** Every lead of the person, newest first. */
  public List<Lead> forContact(String contactId) {
    return leads.forContact(contactId);
  }

  /** Phone numbers are kept in E.164, so SMS can use them as they are. */
  static String phone(String raw) {
    return raw == null || raw.isBlank() ? null : PhoneNumbers.toE164(raw, DEFAULT_PHONE_REGION);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
