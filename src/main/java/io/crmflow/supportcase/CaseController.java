package io.crmflow.supportcase;

import io.crmflow.audit.AuditLog;
import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactService;
import io.crmflow.messaging.MessageLog;
import io.crmflow.web.IdempotentRequests;
import io.crmflow.web.IdempotentRequests.Answer;
import io.crmflow.workflow.ProcessTimeline;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import io.crmflow.web.Paging;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
class CaseController {

  private final SupportCaseService supportCases;
  private final IdempotentRequests idempotentRequests;
  private final ProcessTimeline timeline;
  private final MessageLog messageLog;
  private final AuditLog auditLog;
  private final ContactService contacts;

  CaseController(SupportCaseService supportCases, IdempotentRequests idempotentRequests, ProcessTimeline timeline,
      MessageLog messageLog, AuditLog auditLog, ContactService contacts) {
    this.contacts = contacts;
    this.supportCases = supportCases;
    this.auditLog = auditLog;
    this.idempotentRequests = idempotentRequests;
    this.timeline = timeline;
    this.messageLog = messageLog;
  }

  /** 202: the case is stored and its process started; the auto-reply goes out afterwards. */
  @PostMapping
  ResponseEntity<Object> submit(@Valid @RequestBody CaseSubmission submission,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, submission, () -> {
      SupportCaseService.CaseReceipt receipt = supportCases.submit(submission, principal.getName());
      // field names and routing facts only: the values are personal data and stay in crm_case
      auditLog.record(principal.getName(), "case.opened", CaseRecord.ENTITY, receipt.caseId(),
          receipt.processInstanceId(), Map.of("fields", submission.submittedFields(),
              "category", submission.categoryOrDefault().code(), "refundRequested", submission.refundAmount() != null));
      return new Answer(HttpStatus.ACCEPTED, URI.create("/api/cases/" + receipt.caseId()), receipt.caseId(), receipt);
    }, supportCases::receipt);
  }

  /**
   * Cases, filtered and paged: {@code status}, {@code priority}, {@code category} (each a
   * comma-separated list), {@code team}, {@code q} (text in the case number, subject, or the customer's
   * name or address), {@code page}, {@code size}, {@code sort} ({@code createdAt,desc} by default). The
   * answer is the page's cases, without their texts, with {@code X-Total-Count} and {@code Link} headers.
   */
  @GetMapping
  ResponseEntity<List<CaseSummary>> list(@RequestParam(required = false) List<String> status,
      @RequestParam(required = false) List<String> priority, @RequestParam(required = false) List<String> category,
      @RequestParam(required = false) String team, @RequestParam(required = false) String q,
      @RequestParam(required = false) String page, @RequestParam(required = false) String size,
      @RequestParam(required = false) String sort) {
    CaseFilter filter = new CaseFilter(
        Paging.values("status", status, Paging.constantOf(CaseStatus.class)),
        Paging.values("priority", priority, CaseController::priority),
        Paging.text("team", team, 50),
        Paging.values("category", category, Paging.constantOf(CaseCategory.class)),
        Paging.text("q", q, 100));
    return supportCases.list(filter, Paging.of(page, size, sort, CaseRepository.SORTABLE, "createdAt,desc"))
        .toResponse();
  }

  private static String priority(String value) {
    return switch (value) {
      case "urgent", "high", "normal", "low" -> value;
      default -> throw new IllegalArgumentException("must be one of urgent, high, normal, low");
    };
  }

  @GetMapping("/{caseId}")
  CaseView get(@PathVariable String caseId) {
    SupportCase supportCase = supportCases.get(caseId);
    Contact customer = contacts.get(supportCase.contactId());
    return new CaseView(supportCase, customer.lifecycleStage(), customer.customerSince(), supportCases.replies(caseId),
        timeline.of(caseId), messageLog.forRecord(caseId, 100));
  }

  /** 202 and the case's new status; 409 when the case is closed. */
  @PostMapping("/{caseId}/replies")
  ResponseEntity<Object> reply(@PathVariable String caseId, @Valid @RequestBody CaseReplySubmission reply,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, new KeyedReply(caseId, reply), () -> {
      SupportCaseService.ReplyReceipt receipt = supportCases.receiveReply(caseId, reply, principal.getName());
      auditLog.record(principal.getName(), "case.replied", CaseRecord.ENTITY, caseId, Map.of("replyId",
          receipt.replyId(), "reopened", receipt.reopened(), "status", receipt.status().name()));
      return new Answer(HttpStatus.ACCEPTED, URI.create("/api/cases/" + caseId), receipt.replyId(), receipt);
    }, supportCases::replyReceipt);
  }

  /** A reply's fingerprint includes its case: one key reused for another case is a different request. */
  private record KeyedReply(String caseId, CaseReplySubmission reply) {
  }
}
