package io.crmflow.quote;

import io.crmflow.audit.AuditLog;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuoteController {

  /** The record type of quotes in the audit log. */

  private final QuoteService quoteService;
  private final IdempotentRequests idempotentRequests;
  private final ProcessTimeline timeline;
  private final AuditLog auditLog;

  QuoteController(QuoteService quoteService, IdempotentRequests idempotentRequests, ProcessTimeline timeline,
      AuditLog auditLog) {
    this.quoteService = quoteService;
    this.auditLog = auditLog;
    this.idempotentRequests = idempotentRequests;
    this.timeline = timeline;
  }

  /** 202 and the new quote, in approval; the caller owns it. Returns once quote and process are committed. */
  @PostMapping("/api/opportunities/{opportunityId}/quotes")
  @ApiResponse(responseCode = "202", description = "The new quote, in approval",
      content = @Content(schema = @Schema(implementation = Quote.class)))
  ResponseEntity<Object> create(@PathVariable String opportunityId, @Valid @RequestBody QuoteRequest request,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, List.of(opportunityId, request), () -> {
      Quote quote = quoteService.create(opportunityId, request, principal.getName());
      auditLog.record(principal.getName(), "quote.created", RecordType.QUOTE, quote.id(),
          quote.processInstanceId(), Map.of("opportunityId", opportunityId, "lineItems", quote.lineItems().size(),
              "discountPercent", quote.discountPercent(), "total", quote.total()));
      return new Answer(HttpStatus.ACCEPTED, URI.create("/api/quotes/" + quote.id()), quote.id(), quote);
    }, quoteService::get);
  }

  /** The opportunity's quotes, newest first. */
  @GetMapping("/api/opportunities/{opportunityId}/quotes")
  List<Quote> forOpportunity(@PathVariable String opportunityId) {
    return quoteService.forOpportunity(opportunityId);
  }

  /**
   * Quotes, filtered and paged (the parameters: {@link QuoteListQuery}), with {@code X-Total-Count} and
   * {@code Link} headers.
   */
  @GetMapping("/api/quotes")
  ResponseEntity<List<QuoteSummary>> list(QuoteListQuery query) {
    return quoteService.list(query.filter(), query.paging()).toResponse();
  }

  @GetMapping("/api/quotes/{quoteId}")
  QuoteView get(@PathVariable String quoteId) {
    return new QuoteView(quoteService.get(quoteId), timeline.of(quoteId));
  }

  /**
   * The customer's answer, from the customer-facing site: {@code {"accepted": true}} accepts,
   * {@code false} declines. 409 unless the quote is sent and still valid.
   */
  @PostMapping("/api/quotes/{quoteId}/acceptance")
  @ApiResponse(responseCode = "200", description = "The quote, accepted or declined",
      content = @Content(schema = @Schema(implementation = Quote.class)))
  ResponseEntity<Object> answer(@PathVariable String quoteId, @Valid @RequestBody AcceptanceRequest request,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      Principal principal) {
    return idempotentRequests.execute(principal.getName(), idempotencyKey, List.of(quoteId, request), () -> {
      Quote quote = quoteService.answer(quoteId, request.accepted());
      auditLog.record(principal.getName(), request.accepted() ? "quote.accepted" : "quote.declined",
          RecordType.QUOTE, quoteId, quote.processInstanceId(), Map.of("status", quote.status().name()));
      return new Answer(HttpStatus.OK, null, quote.id(), quote);
    }, quoteService::get);
  }
}
