package io.crmflow.messaging;

import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.NotFoundException;
import io.crmflow.contact.ContactLocale;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/messages")
class MessageController {

  private final MessageLog messageLog;
  private final MailTemplates templates;

  MessageController(MessageLog messageLog, MailTemplates templates) {
    this.messageLog = messageLog;
    this.templates = templates;
  }

  /** Every message about a lead — sent, suppressed, deferred, failed — newest first. */
  @GetMapping
  List<MessageLogEntry> forLead(@RequestParam @NotBlank @Size(max = 36) String leadId,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return messageLog.forRecord(leadId, limit);
  }

  /** A template rendered with sample data (every value any template uses), as the HTML its reader would see. */
  @GetMapping(value = "/templates/{name}/preview", produces = MediaType.TEXT_HTML_VALUE)
  String preview(@PathVariable @Pattern(regexp = "[a-z0-9-]{1,60}") String name,
      @RequestParam(defaultValue = "en") String locale) {
    ContactLocale contactLocale;
    try {
      contactLocale = ContactLocale.fromTag(locale);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("locale", e.getMessage());
    }
    if (!templates.exists(name)) {
      throw new NotFoundException("Template", name);
    }
    return templates.render(name, contactLocale, TemplateSamples.model()).html();
  }
}
