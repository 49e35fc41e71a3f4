package io.crmflow.inbound;

import io.crmflow.messaging.sms.TwilioWebhooks;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Twilio's webhooks (docs/inbound.md): an SMS to crmflow's number, and the delivery reports of the SMS
 * crmflow sent. No login: {@link TwilioSignatureFilter} has checked the provider's signature and
 * {@link InboundRateLimitFilter} the caller's rate before a call gets here.
 */
@RestController
class TwilioWebhookController {

  /** TwiML that sends nothing back. */
  static final String NO_ANSWER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private final InboundSmsService inboundSms;
  private final InboundProperties properties;

  TwilioWebhookController(InboundSmsService inboundSms, InboundProperties properties) {
    this.inboundSms = inboundSms;
    this.properties = properties;
  }

  /** What the OpenAPI description says of both webhooks beyond their bodies and answers. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @SecurityRequirements
  @Parameter(in = ParameterIn.HEADER, name = TwilioWebhooks.SIGNATURE_HEADER, required = true,
      description = "Twilio's signature of the call: HMAC-SHA1 under the auth token over crmflow.public-url + "
          + "path followed by each form parameter's name and value, sorted by name; base64 (docs/inbound.md)")
  @ApiResponse(responseCode = "403", description = "X-Twilio-Signature missing or not matching",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
          schema = @Schema(ref = "#/components/schemas/Problem")))
  @ApiResponse(responseCode = "429", description = "Too many calls from this client address; see Retry-After",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
          schema = @Schema(ref = "#/components/schemas/Problem")))
  @interface SignedWebhook {
  }

  /**
   * An SMS to crmflow's number: STOP / START change the sender's SMS consent, HELP is answered, any other
   * text is a reply on their open case or lead. 200 with TwiML: the help text, or nothing.
   */
  @PostMapping(value = TwilioWebhooks.INBOUND_SMS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_XML_VALUE)
  @SignedWebhook
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
      mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = TwilioInboundSms.class)))
  @ApiResponse(responseCode = "200", description = "TwiML: <Response/>, or the help text for HELP",
      content = @Content(mediaType = MediaType.TEXT_XML_VALUE, schema = @Schema(type = "string",
          example = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>")))
  String inboundSms(@RequestBody MultiValueMap<String, String> form) {
    boolean help = inboundSms.receive(TwilioInboundSms.of(form)).filter(SmsKeyword.HELP::equals).isPresent();
    return help ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
        + HtmlUtils.htmlEscape(properties.smsHelpText(), "UTF-8") + "</Message></Response>" : NO_ANSWER;
  }

  /** A delivery report on an SMS crmflow sent (its StatusCallback). 200 and what became of it. */
  @PostMapping(value = TwilioWebhooks.STATUS_CALLBACK_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @SignedWebhook
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
      mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      schema = @Schema(implementation = TwilioStatusCallback.class)))
  @ApiResponse(responseCode = "200", description = "What became of the report",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = InboundEventReceipt.class)))
  InboundEventReceipt statusCallback(@RequestBody MultiValueMap<String, String> form) {
    return inboundSms.receiveStatus(TwilioStatusCallback.of(form));
  }
}
