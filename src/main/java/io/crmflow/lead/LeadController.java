package io.crmflow.lead;

import io.crmflow.audit.AuditLog;
import io.crmflow.messaging.MessageLog;
import io.crmflow.web.IdempotentRequests;
import io.crmflow.web.IdempotentRequests.Answer;
import io.crmflow.workflow.ProcessTimeline;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
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
@RequestMapping("/api/leads")
class LeadController {

  private final LeadService leadService;
  private final IdempotentRequests idempotentRequests;
  private final ProcessTimeline timeline;
  private final MessageLog messageLog;
  private final AuditLog auditLog;

  LeadController(LeadService leadService, IdempotentRequests idempotentRequests, ProcessTimeline timeline,
      MessageLog messageLog, AuditLog auditLog) {
    this.messageLog = messageLog;
    this.auditLog = auditLog;
    this.leadService = leadService;
    this.idempotentRequests = idempotentRequests;
    this.timeline = timeline;
  }

  /**
   * 202 and a new intake; 200 and the running intake when that address is already in intake.
   * Returns once the lead and the process state are committed; mail goes out afterwards.
   */
  @PostMapping
  ResponseEntity<Object> submit(@Valid @RequestBody LeadSubmission submission,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, submission, () -> {
      LeadService.Submission result = leadService.submit(submission);
      IntakeReceipt receipt = result.receipt();
      // field names only: the values are personal data and stay in crm_lead
      auditLog.record(principal.getName(), result.newIntake() ? "lead.submitted" : "lead.merged", LeadRecord.ENTITY,
          receipt.leadId(), receipt.processInstanceId(), Map.of("fields", submission.submittedFields()));
      return new Answer(result.newIntake() ? HttpStatus.ACCEPTED : HttpStatus.OK,
          URI.create("/api/leads/" + receipt.leadId()), receipt);
    });
  }

  @GetMapping("/{leadId}")
  LeadView get(@PathVariable String leadId) {
    return new LeadView(leadService.get(leadId), timeline.of(leadId), messageLog.forRecord(leadId, 100));
  }
}
