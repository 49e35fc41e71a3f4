package io.crmflow.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.web.ApiProblems;
import io.crmflow.web.ClientAddresses;
import io.crmflow.web.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The unsubscribe pages need no login, so they are rate-limited per client address:
 * {@code crmflow.messaging.unsubscribe-requests-per-minute} (default 10), whatever links it tries — a
 * flood of guessed tokens from one client is stopped, other clients go on. More get 429 with
 * Retry-After. Counted in memory, per instance; the address is the proxy's view when operators name
 * its header ({@link ClientAddresses}).
 */
@Component
class UnsubscribeRateLimitFilter extends OncePerRequestFilter {

  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final String PREFIX = "/unsubscribe/";

  private final RateLimiter limiter;
  private final ClientAddresses clientAddresses;
  private final ObjectMapper objectMapper;

  UnsubscribeRateLimitFilter(ClientAddresses clientAddresses, ObjectMapper objectMapper,
      MessagingProperties properties) {
    this.limiter = new RateLimiter(properties.unsubscribeRequestsPerMinute(), WINDOW, Clock.systemUTC());
    this.clientAddresses = clientAddresses;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + PREFIX);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Duration> retryAfter = limiter.acquire(clientAddresses.of(request));
    if (retryAfter.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
    ProblemDetail problem = ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
        "Too many requests", "Too many unsubscribe requests from your address; try again in " + seconds + " s");
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
