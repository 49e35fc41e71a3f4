package io.crmflow.supportcase;

import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactDetails;
import io.crmflow.contact.ContactService;
import io.crmflow.contact.FieldPolicy;
import io.crmflow.contact.Submission;
import io.crmflow.contact.SubmissionChannel;
import io.crmflow.process.RecordChange;
import io.crmflow.shared.ConflictException;
import io.crmflow.shared.NotFoundException;
import io.crmflow.shared.RecordType;
import io.crmflow.web.Page;
import io.crmflow.web.Paging;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Support cases and their process: the case row and the process state it belongs to commit together. */
@Service
public class SupportCaseService {

  private static final Logger log = LoggerFactory.getLogger(SupportCaseService.class);

  private final CaseRepository cases;
  private final ContactService contacts;
  private final RuntimeService runtimeService;
  private final ApplicationEventPublisher events;
  private final SupportCaseSettings settings;
  private final PaymentGateway paymentGateway;
  private final PaymentGatewayProperties paymentGatewayProperties;

  SupportCaseService(CaseRepository cases, ContactService contacts, RuntimeService runtimeService,
      ApplicationEventPublisher events, SupportCaseSettings settings, PaymentGateway paymentGateway,
      PaymentGatewayProperties paymentGatewayProperties) {
    this.cases = cases;
    this.contacts = contacts;
    this.runtimeService = runtimeService;
    this.events = events;
    this.settings = settings;
    this.paymentGateway = paymentGateway;
    this.paymentGatewayProperties = paymentGatewayProperties;
  }

  /** What {@code POST /api/cases} answers. */
  public record CaseReceipt(String caseId, String caseNumber, String contactId, String processInstanceId) {
  }

  /**
   * Stores the case on its customer's contact — the person's existing contact when the address is
   * known, a new one otherwise; a name given here fills in only a missing one — and starts its
   * process. The process gets the case's id and number and routing facts only; the auto-reply goes
   * out after the commit, in its own job.
   */
  @Transactional
  public CaseReceipt submit(CaseSubmission submission, String submittedBy) {
    Contact contact = contacts.register(new ContactDetails(submission.customerEmail(), submission.customerName(),
        null, null, null, null, null), FieldPolicy.FILL_EMPTY).contact();
    String caseId = UUID.randomUUID().toString();
    String caseNumber = "CASE-%06d".formatted(cases.nextCaseNumber());
    BigDecimal refundAmount = submission.refundAmount();
    Instant now = Instant.now();
    SupportCase supportCase = new SupportCase(caseId, caseNumber, contact.id(), contact.email(), contact.name(),
        submission.subject().strip(), submission.description().strip(),
        submission.categoryOrDefault(), blankToNull(submission.orderReference()), refundAmount, null, null,
        CaseStatus.OPEN, null, refundAmount == null ? null : RefundStatus.REQUESTED, null, null, now, now, null, null);
    cases.insert(supportCase);
    contacts.recordSubmission(contact.id(), Submission.of(SubmissionChannel.CASE, submittedBy).forCase(caseId));

    CaseKeywords keywords = CaseKeywords.of(supportCase.subject(), supportCase.description());
    Map<String, Object> variables = new HashMap<>();
    SupportCaseProcess.CASE_ID.putInto(variables, caseId);
    SupportCaseProcess.CASE_NUMBER.putInto(variables, caseNumber);
    SupportCaseProcess.CATEGORY.putInto(variables, supportCase.category().code());
    SupportCaseProcess.MENTIONS_OUTAGE.putInto(variables, keywords.mentionsOutage());
    SupportCaseProcess.MENTIONS_LEGAL.putInto(variables, keywords.mentionsLegal());
    SupportCaseProcess.MENTIONS_REFUND.putInto(variables, keywords.mentionsRefund() || refundAmount != null);
    SupportCaseProcess.REFUND_REQUESTED.putInto(variables, refundAmount != null);
    SupportCaseProcess.REFUND_AMOUNT.putInto(variables, refundAmount == null ? null : refundAmount.doubleValue());
    SupportCaseProcess.REFUND_AUTO_APPROVED.putInto(variables, settings.autoApproves(refundAmount));
    String processInstanceId = runtimeService
        .startProcessInstanceByKey(SupportCaseProcess.KEY, caseId, variables)
        .getId();
    cases.recordProcessInstance(caseId, processInstanceId);
    publishStatus(caseId, CaseStatus.OPEN);
    log.info("Case {} ({}) received; process {} started", caseNumber, caseId, processInstanceId);
    return new CaseReceipt(caseId, caseNumber, contact.id(), processInstanceId);
  }

  /** What {@code POST /api/cases} answers about the case, as it is now (an Idempotency-Key's replay). */
  public CaseReceipt receipt(String caseId) {
    SupportCase supportCase = get(caseId);
    return new CaseReceipt(caseId, supportCase.caseNumber(), supportCase.contactId(), supportCase.processInstanceId());
  }

  /** What {@code POST /api/cases/{id}/replies} answers about the reply, its case as it is now. */
  public ReplyReceipt replyReceipt(String replyId) {
    CaseReply reply = cases.reply(replyId).orElseThrow(() -> new NotFoundException("Reply", replyId));
    return new ReplyReceipt(reply.caseId(), reply.id(), reply.reopened(), get(reply.caseId()).status());
  }

  public SupportCase get(String caseId) {
    return cases.findById(caseId).orElseThrow(() -> new NotFoundException(RecordType.CASE, caseId));
  }

  /** One page of the cases the filter matches ({@code GET /api/cases}, the workspace's case list). */
  public Page<CaseSummary> list(CaseFilter filter, Paging paging) {
    return cases.list(filter, paging).map(CaseSummary::of);
  }

  /** Every case of the person, newest first. */
  public List<SupportCase> forContact(String contactId) {
    return cases.forContact(contactId);
  }

  /** The person's newest case that still takes replies (any but CLOSED), if any. */
  public Optional<SupportCase> openCaseOf(String contactId) {
    return cases.forContact(contactId).stream().filter(supportCase -> supportCase.status() != CaseStatus.CLOSED)
        .findFirst();
  }

  public List<CaseReply> replies(String caseId) {
    return cases.replies(caseId);
  }

  /** What {@code POST /api/cases/{id}/replies} answers. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "CaseReplyReceipt")  // the lead's ReplyReceipt is another
  public record ReplyReceipt(String caseId, String replyId, boolean reopened, CaseStatus status) {
  }

  /**
   * Stores a customer's reply. A resolved case, or one waiting for the customer, goes back to
   * support (message CaseReplyReceived); an open one just gains the reply; a closed one refuses it.
   * The case row is locked, so a reply and the closing timer never both win.
   */
  @Transactional
  public ReplyReceipt receiveReply(String caseId, CaseReplySubmission submission, String receivedBy) {
    SupportCase supportCase = cases.lockById(caseId).orElseThrow(() -> new NotFoundException(RecordType.CASE, caseId));
    if (supportCase.status() == CaseStatus.CLOSED) {
      throw new ConflictException("Case " + supportCase.caseNumber() + " is closed; open a new case instead");
    }
    boolean reopens = supportCase.status() == CaseStatus.RESOLVED
        || supportCase.status() == CaseStatus.WAITING_FOR_CUSTOMER;
    CaseReply reply = new CaseReply(UUID.randomUUID().toString(), caseId, submission.message().strip(), receivedBy,
        reopens, Instant.now());
    cases.insertReply(reply);
    if (reopens) {
      // the status says the process waits for this message: both were committed together
      try {
        runtimeService.createMessageCorrelation(SupportCaseProcess.MESSAGE_CASE_REPLY_RECEIVED)
            .processInstanceBusinessKey(caseId)
            .correlateWithResult();
      } catch (MismatchingMessageCorrelationException e) {
        // only when an operator cancelled or moved the instance in Cockpit: nothing here is changed
        throw new ConflictException("Case " + supportCase.caseNumber() + " is not waiting for a reply");
      }
    }
    log.info("Case {}: reply {} received{}", caseId, reply.id(), reopens ? ", case reopened" : "");
    return new ReplyReceipt(caseId, reply.id(), reopens, get(caseId).status());
  }

  public void recordTriage(String caseId, String priority, String team) {
    cases.recordTriage(caseId, priority, team);
    log.info("Case {} triaged: priority {}, team {}", caseId, priority, team);
  }

  public void changeStatus(String caseId, CaseStatus status) {
    cases.updateStatus(caseId, status);
    log.info("Case {} is now {}", caseId, status);
    publishStatus(caseId, status);
    if (status == CaseStatus.RESOLVED) {
      events.publishEvent(RecordChange.of(RecordType.CASE, CaseChangeMessages.RESOLVED, caseId));
    }
  }

  /** A customer's reply brought the case back to support. */
  public void reopen(String caseId) {
    changeStatus(caseId, CaseStatus.IN_PROGRESS);
    events.publishEvent(RecordChange.of(RecordType.CASE, CaseChangeMessages.REOPENED, caseId));
  }

  /** The answer support wrote for the customer ("Handle case"); kept here, never in a process variable. */
  public void recordResolution(String caseId, String resolution) {
    cases.recordResolution(caseId, resolution);
  }

  /**
   * Pays the case's refund through the payment gateway, at most once: the idempotency key is the
   * case id, the same for every retry of the job, and a refund already paid is not asked for again.
   *
   * @throws PaymentGatewayException.Permanent after marking the refund FAILED
   * @throws PaymentGatewayException.Temporary to have the job retried
   */
  public void payRefund(String caseId) {
    SupportCase supportCase = get(caseId);
    if (supportCase.refundStatus() == RefundStatus.PAID) {
      log.info("Case {}: refund already paid ({}); not asked for again", caseId, supportCase.refundReference());
      return;
    }
    if (supportCase.refundAmount() == null) {
      throw new IllegalStateException("Case " + caseId + " asks for no refund");
    }
    try {
      PaymentGateway.RefundReceipt receipt = paymentGateway.refund(new PaymentGateway.RefundRequest(
          refundIdempotencyKey(caseId), supportCase.caseNumber(), supportCase.orderReference(),
          supportCase.refundAmount(), paymentGatewayProperties.currency()));
      cases.updateRefund(caseId, RefundStatus.PAID, receipt.refundId());
    } catch (PaymentGatewayException.Permanent e) {
      cases.updateRefund(caseId, RefundStatus.FAILED, null);
      log.warn("Case {}: refund failed for good: {}", caseId, e.getMessage());
      throw e;
    }
  }

  public void rejectRefund(String caseId) {
    cases.updateRefund(caseId, RefundStatus.REJECTED, null);
    log.info("Case {}: refund rejected", caseId);
  }

  /** The same for every attempt of a case's refund: a case refunds at most once. */
  static String refundIdempotencyKey(String caseId) {
    return "case-" + caseId + "-refund";
  }

  private void publishStatus(String caseId, CaseStatus status) {
    events.publishEvent(RecordChange.of(RecordType.CASE, CaseChangeMessages.STATUS_CHANGED, caseId)
        .with("status", status.name()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
