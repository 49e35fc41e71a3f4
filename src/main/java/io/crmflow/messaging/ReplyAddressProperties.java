package io.crmflow.messaging;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.inbound.email.*, as far as sending is concerned.
 *
 * @param replyDomain the domain of the signed Reply-To addresses ({@code reply+<token>@<replyDomain>}), whose mail
 *                    the provider forwards to crmflow (docs/inbound-email.md); unset: emails carry no Reply-To and
 *                    inbound email is off
 */
@Validated
@ConfigurationProperties("crmflow.inbound.email")
public record ReplyAddressProperties(
    @Pattern(regexp = "|([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}", message = "must be a lower-case domain name")
    String replyDomain) {

  public boolean enabled() {
    return replyDomain != null && !replyDomain.isBlank();
  }
}
