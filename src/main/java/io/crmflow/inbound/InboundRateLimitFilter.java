package io.crmflow.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.web.ClientAddresses;
import io.crmflow.web.ClientRateLimitFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The provider webhooks need no login: {@code crmflow.inbound.requests-per-minute} calls per client
 * address, signed or not, so nobody can try signatures (or flood the handling) at speed. Runs before
 * {@link TwilioSignatureFilter}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class InboundRateLimitFilter extends ClientRateLimitFilter {

  static final String PATHS = "/api/inbound/sms/";

  InboundRateLimitFilter(ClientAddresses clientAddresses, ObjectMapper objectMapper, InboundProperties properties) {
    super(PATHS, "provider webhook calls", properties.requestsPerMinute(), clientAddresses, objectMapper);
  }
}
