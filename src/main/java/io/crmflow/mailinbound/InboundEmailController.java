package io.crmflow.mailinbound;

import io.crmflow.messaging.ReplyAddresses;
import io.crmflow.shared.DomainException;
import io.crmflow.web.ApiException;
import io.crmflow.web.ApiProblems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mailgun's webhooks (no login: each request is verified by its Mailgun signature; rate-limited per client
 * address) and what came in through them: the replies to a quote, the unmatched emails (docs/inbound-email.md).
 */
@RestController
@Validated
class InboundEmailController {

  private static final String PROBLEM = "#/components/schemas/Problem";

  private final MailgunSignature signature;
  private final ReplyAddresses replyAddresses;
  private final InboundEmails inboundEmails;
  private final DeliveryEvents deliveryEvents;

  InboundEmailController(MailgunSignature signature, ReplyAddresses replyAddresses, InboundEmails inboundEmails,
      DeliveryEvents deliveryEvents) {
    this.signature = signature;
    this.replyAddresses = replyAddresses;
    this.inboundEmails = inboundEmails;
    this.deliveryEvents = deliveryEvents;
  }

  /**
   * A Mailgun route's forward() of an email sent to a reply address. 200 once it is stored (a repeat of the same
   * Message-Id answers as the first did); Mailgun retries any other answer but 406.
   */
  @PostMapping("/api/inbound/email/mailgun")
  @SecurityRequirements
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
      @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = MailgunInboundEmail.class)),
      @Content(mediaType = "application/x-www-form-urlencoded",
          schema = @Schema(implementation = MailgunInboundEmail.class))})
  @ApiResponse(responseCode = "200", description = "Stored; what became of it",
      content = @Content(schema = @Schema(implementation = InboundEmails.Receipt.class)))
  @ApiResponse(responseCode = "403", description = "Not signed by Mailgun, or the signature's timestamp is too old",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
  @ApiResponse(responseCode = "406", description = "Inbound email is off (crmflow.inbound.email.reply-domain is "
      + "unset); Mailgun does not retry", content = @Content(mediaType = "application/problem+json",
      schema = @Schema(ref = PROBLEM)))
  @ApiResponse(responseCode = "429", description = "Too many requests from the client's address",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
  InboundEmails.Receipt receiveEmail(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form) {
    MailgunInboundEmail email = MailgunInboundEmail.of(form);
    signature.verify(email.signatureFields());
    if (!replyAddresses.enabled()) {
      throw new ApiException(ApiProblems.problem(HttpStatus.NOT_ACCEPTABLE, "inbound-email-off", "Inbound email is off",
          "crmflow sends no reply addresses: crmflow.inbound.email.reply-domain is unset"));
    }
    try {
      return inboundEmails.receive(email);
    } catch (DomainException refused) {
      // the record refused it (e.g. a case whose process an operator cancelled): kept for admins, in a new transaction
      return inboundEmails.keepUnmatched(email, "the record refused the reply: " + refused.getMessage());
    }
  }

  /** Mailgun's event webhook (failed, complained). 200 once processed, or when it was processed before. */
  @PostMapping("/api/inbound/email/mailgun/events")
  @SecurityRequirements
  @ApiResponse(responseCode = "200", description = "Processed; what it did",
      content = @Content(schema = @Schema(implementation = DeliveryEvents.Receipt.class)))
  @ApiResponse(responseCode = "403", description = "Not signed by Mailgun, or the signature's timestamp is too old",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
  @ApiResponse(responseCode = "429", description = "Too many requests from the client's address",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
  DeliveryEvents.Receipt receiveEvent(@RequestBody MailgunEvent event) {
    signature.verify(event.signatureFields());
    return deliveryEvents.receive(event);
  }

  /** Inbound emails no record awaited, newest first (crm-admins). */
  @GetMapping("/api/inbound/email/unmatched")
  List<InboundEmail> unmatched(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return inboundEmails.unmatched(limit);
  }

  /** The customer's email replies to the quote's emails, newest first. */
  @GetMapping("/api/quotes/{quoteId}/email-replies")
  List<InboundEmail> quoteReplies(@PathVariable String quoteId) {
    return inboundEmails.forQuote(quoteId);
  }
}
