package io.crmflow.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.web.ClientAddresses;
import io.crmflow.web.ClientRateLimitFilter;
import org.springframework.stereotype.Component;

/**
 * The unsubscribe pages need no login, so they are rate-limited per client address:
 * {@code crmflow.messaging.unsubscribe-requests-per-minute} (default 10), whatever links it tries — a
 * flood of guessed tokens from one client is stopped, other clients go on.
 */
@Component
class UnsubscribeRateLimitFilter extends ClientRateLimitFilter {

  UnsubscribeRateLimitFilter(ClientAddresses clientAddresses, ObjectMapper objectMapper,
      MessagingProperties properties) {
    super("/unsubscribe/", "unsubscribe requests", properties.unsubscribeRequestsPerMinute(), clientAddresses,
        objectMapper);
  }
}
