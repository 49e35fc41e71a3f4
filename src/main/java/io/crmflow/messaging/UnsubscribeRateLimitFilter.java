package io.crmflow.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.web.ApiProblems;
import io.crmflow.web.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The unsubscribe pages need no login, so they are rate-limited: 5 requests per minute per link
 * (a link names one message, so one recipient); more get 429 with Retry-After. Counted in memory,
 * per instance (README, Input at the edges).
 */
@Component
class UnsubscribeRateLimitFilter extends OncePerRequestFilter {

  static final int PERMITS = 5;
  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final String PREFIX = "/unsubscribe/";

  private final RateLimiter limiter = new RateLimiter(PERMITS, WINDOW, Clock.systemUTC());
  private final ObjectMapper objectMapper;

  UnsubscribeRateLimitFilter(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + PREFIX);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
    // keyed by a hash: the map holds no tokens
    Optional<Duration> retryAfter = limiter.acquire(sha256(token));
    if (retryAfter.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
    ProblemDetail problem = ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
        "Too many requests", "This unsubscribe link was used too often; try again in " + seconds + " s");
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
