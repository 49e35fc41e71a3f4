package io.crmflow.inbound;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.inbound.*: the provider webhooks.
 *
 * @param requestsPerMinute calls of the webhooks per client address and minute before 429; a provider
 *                          calls from few addresses, so this is well above one busy number's traffic
 * @param smsHelpText       the answer to an SMS saying HELP (one SMS: at most 160 characters)
 */
@ConfigurationProperties("crmflow.inbound")
@Validated
public record InboundProperties(
    @DefaultValue("120") @Min(1) int requestsPerMinute,
    @DefaultValue("Reply STOP to receive no more text messages from us, START to receive them again.")
    @NotBlank @Size(max = 160) String smsHelpText) {
}
