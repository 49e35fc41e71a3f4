package io.crmflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A per-client limit for paths that need no login (unsubscribe pages, provider webhooks): at most
 * {@code requestsPerMinute} from one client address, whatever it asks for — a flood from one client is
 * stopped, other clients go on. More get 429 problem+json with Retry-After. Counted in memory, per
 * instance; the address is the proxy's view when operators name its header ({@link ClientAddresses}).
 */
public class ClientRateLimitFilter extends OncePerRequestFilter {

  static final Duration WINDOW = Duration.ofMinutes(1);

  private final String pathPrefix;
  private final String what;
  private final RateLimiter limiter;
  private final ClientAddresses clientAddresses;
  private final ObjectMapper objectMapper;

  /**
   * @param pathPrefix the paths limited, e.g. {@code /unsubscribe/}
   * @param what       what the 429 says there were too many of, e.g. "unsubscribe requests"
   */
  public ClientRateLimitFilter(String pathPrefix, String what, int requestsPerMinute, ClientAddresses clientAddresses,
      ObjectMapper objectMapper) {
    this.pathPrefix = pathPrefix;
    this.what = what;
    this.limiter = new RateLimiter(requestsPerMinute, WINDOW, Clock.systemUTC());
    this.clientAddresses = clientAddresses;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + pathPrefix);
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
        "Too many requests", "Too many " + what + " from your address; try again in " + seconds + " s");
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
