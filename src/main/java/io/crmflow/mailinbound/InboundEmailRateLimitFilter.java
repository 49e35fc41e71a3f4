package io.crmflow.mailinbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.web.ClientAddresses;
import io.crmflow.web.ClientRateLimitFilter;
import org.springframework.stereotype.Component;

/**
 * Mailgun's webhooks need no login: per client address at most
 * {@code crmflow.inbound.email.mailgun.requests-per-minute} (default 300), signed or not.
 */
@Component
class InboundEmailRateLimitFilter extends ClientRateLimitFilter {

  InboundEmailRateLimitFilter(ClientAddresses clientAddresses, ObjectMapper objectMapper,
      MailgunProperties properties) {
    super("/api/inbound/email/mailgun", "webhook requests", properties.requestsPerMinute(), clientAddresses,
        objectMapper);
  }
}
