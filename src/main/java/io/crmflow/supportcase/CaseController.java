package io.crmflow.supportcase;

import io.crmflow.audit.AuditLog;
import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactService;
import io.crmflow.messaging.MessageLog;
import io.crmflow.process.ProcessTimeline;
import io.crmflow.shared.RecordType;
import io.crmflow.web.IdempotentRequests.Answer;
import io.crmflow.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
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
  @ApiResponse(responseCode = "202", description = "The case is stored and its process started",
      content = @Content(schema = @Schema(implementation = SupportCaseService.CaseReceipt.class)))
  ResponseEntity<Object> submit(@Valid @RequestBody CaseSubmission submission,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, submission, () -> {
      SupportCaseService.CaseReceipt receipt = supportCases.submit(submission, principal.getName());
      // field names and routing facts only: the values are personal data and stay in crm_case
      auditLog.record(principal.getName(), "case.opened", RecordType.CASE, receipt.caseId(),
          receipt.processInstanceId(), Map.of("fields", submission.submittedFields(),
              "category", submission.categoryOrDefault().code(), "refundRequested", submission.refundAmount() != null));
      return new Answer(HttpStatus.ACCEPTED, URI.create("/api/cases/" + receipt.caseId()), receipt.caseId(), receipt);
    }, supportCases::receipt);
  }

  /**
   * Cases, filtered and paged (the parameters: {@link CaseListQuery}). The answer is the page's cases,
   * without their texts, with {@code X-Total-Count} and {@code Link} headers.
   */
  @GetMapping
  ResponseEntity<List<CaseSummary>> list(CaseListQuery query) {
    return supportCases.list(query.filter(), query.paging()).toResponse();
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
  @ApiResponse(responseCode = "202", description = "The reply is stored; the case's new status",
      content = @Content(schema = @Schema(implementation = SupportCaseService.ReplyReceipt.class)))
  ResponseEntity<Object> reply(@PathVariable String caseId, @Valid @RequestBody CaseReplySubmission reply,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, new KeyedReply(caseId, reply), () -> {
      SupportCaseService.ReplyReceipt receipt = supportCases.receiveReply(caseId, reply, principal.getName());
      auditLog.record(principal.getName(), "case.replied", RecordType.CASE, caseId, Map.of("replyId",
          receipt.replyId(), "reopened", receipt.reopened(), "status", receipt.status().name()));
      return new Answer(HttpStatus.ACCEPTED, URI.create("/api/cases/" + caseId), receipt.replyId(), receipt);
    }, supportCases::replyReceipt);
  }

  /** A reply's fingerprint includes its case: one key reused for another case is a different request. */
  private record KeyedReply(String caseId, CaseReplySubmission reply) {
  }
}
