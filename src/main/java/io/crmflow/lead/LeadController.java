package io.crmflow.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmflow.audit.AuditLog;
import io.crmflow.messaging.MessageLog;
import io.crmflow.process.ProcessTimeline;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.RecordType;
import io.crmflow.web.IdempotentRequests.Answer;
import io.crmflow.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
  private final ObjectMapper objectMapper;
  private final Validator validator;
  private final AuditLog auditLog;

  LeadController(LeadService leadService, IdempotentRequests idempotentRequests, ProcessTimeline timeline,
      MessageLog messageLog, ObjectMapper objectMapper, Validator validator, AuditLog auditLog) {
    this.auditLog = auditLog;
    this.messageLog = messageLog;
    this.objectMapper = objectMapper;
    this.validator = validator;
    this.leadService = leadService;
    this.idempotentRequests = idempotentRequests;
    this.timeline = timeline;
  }

  /**
   * 202 and a new lead with its intake; 200 and the person's open lead when the submission merged into
   * it. Either way the answer names the person's contact. Returns once the lead and the process state
   * are committed; mail goes out afterwards.
   */
  @PostMapping
  @ApiResponse(responseCode = "202", description = "A new lead; its intake has started",
      content = @Content(schema = @Schema(implementation = IntakeReceipt.class)))
  @ApiResponse(responseCode = "200", description = "Merged into the person's open lead",
      content = @Content(schema = @Schema(implementation = IntakeReceipt.class)))
  ResponseEntity<Object> submit(@Valid @RequestBody LeadSubmission submission,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, submission, () -> {
      LeadService.Outcome result = leadService.submit(submission, principal.getName());
      IntakeReceipt receipt = result.receipt();
      // field names only: the values are personal data and stay in crmflow's tables
      auditLog.record(principal.getName(), result.newLead() ? "lead.submitted" : "lead.merged", RecordType.LEAD,
          receipt.leadId(), receipt.processInstanceId(), Map.of("fields", submission.submittedFields(),
              "contactId", receipt.contactId()));
      return new Answer(result.newLead() ? HttpStatus.ACCEPTED : HttpStatus.OK,
          URI.create("/api/leads/" + receipt.leadId()), receipt.leadId(), receipt);
    }, leadService::receipt);
  }

  /**
   * Leads, filtered and paged (the parameters: {@link LeadListQuery}). The answer is the page's leads,
   * with {@code X-Total-Count} and {@code Link} headers.
   */
  @GetMapping
  ResponseEntity<List<Lead>> list(LeadListQuery query) {
    return leadService.list(query.filter(), query.paging()).toResponse();
  }

  @GetMapping("/{leadId}")
  LeadView get(@PathVariable String leadId) {
    return new LeadView(leadService.get(leadId), leadService.reviewNote(leadId), timeline.of(leadId),
        messageLog.forRecord(leadId, 100));
  }

  /**
   * Changes the fields present in the body (JSON merge patch; {@code application/json} or
   * {@code application/merge-patch+json}). 200 and the lead as GET shows it.
   */
  @PatchMapping(value = "/{leadId}", consumes = {"application/json", "application/merge-patch+json"})
  @Transactional
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = LeadChanges.class)))
  LeadView update(@PathVariable String leadId, @RequestBody ObjectNode body, Principal principal) {
    LeadChanges changes = read(body);
    Set<String> present = new LinkedHashSet<>();
    body.fieldNames().forEachRemaining(present::add);
    var violations = validator.validate(changes);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    leadService.update(leadId, changes, present);
    auditLog.record(principal.getName(), "lead.updated", RecordType.LEAD, leadId,
        Map.of("fields", List.copyOf(present)));
    return get(leadId);
  }

  /** The lead answered (email, SMS, phone…): ends its nurture sequence. 200 and whether one ended. */
  @PostMapping("/{leadId}/replies")
  @Transactional
  LeadService.ReplyReceipt reply(@PathVariable String leadId, @Valid @RequestBody LeadReply reply,
      Principal principal) {
    LeadService.ReplyReceipt receipt = leadService.recordReply(leadId, reply);
    auditLog.record(principal.getName(), "lead.replied", RecordType.LEAD, leadId,
        Map.of("channel", reply.channel().code()));
    return receipt;
  }

  /** Binds the patch as POST binds a submission: unknown fields and wrong types are a 400 naming the field. */
  private LeadChanges read(ObjectNode body) {
    try {
      return objectMapper.treeToValue(body, LeadChanges.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidFieldException(e.getPropertyName(), "is not a known field");
    } catch (JsonMappingException e) {
      String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getFieldName();
      Throwable cause = e.getCause();
      throw new InvalidFieldException(field, cause instanceof IllegalArgumentException
          ? cause.getMessage() : "has the wrong type or format");
    } catch (JsonProcessingException e) {
      throw new InvalidFieldException("body", "is not a valid lead change");
    }
  }
}
