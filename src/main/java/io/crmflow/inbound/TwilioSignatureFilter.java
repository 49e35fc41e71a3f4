package io.crmflow.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.messaging.sms.TwilioWebhooks;
import io.crmflow.web.ApiProblems;
import io.crmflow.web.ClientAddresses;
import io.crmflow.web.PublicUrl;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Twilio webhooks authenticate by the provider's signature, not a login: a call whose
 * {@code X-Twilio-Signature} does not match {@code crmflow.public-url} + its path (and query) and its form
 * parameters under the auth token is refused with 403 before anything reads it — whoever calls, with or
 * without crmflow credentials.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class TwilioSignatureFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(TwilioSignatureFilter.class);
  private static final Set<String> PATHS = Set.of(TwilioWebhooks.INBOUND_SMS_PATH,
      TwilioWebhooks.STATUS_CALLBACK_PATH);

  private final TwilioWebhooks webhooks;
  private final PublicUrl publicUrl;
  private final ClientAddresses clientAddresses;
  private final ObjectMapper objectMapper;

  TwilioSignatureFilter(TwilioWebhooks webhooks, PublicUrl publicUrl, ClientAddresses clientAddresses,
      ObjectMapper objectMapper) {
    this.webhooks = webhooks;
    this.publicUrl = publicUrl;
    this.clientAddresses = clientAddresses;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !HttpMethod.POST.matches(request.getMethod())
        || !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String query = request.getQueryString();
    String url = publicUrl.link(path) + (query == null ? "" : "?" + query);
    if (webhooks.isSigned(url, formParameters(request), request.getHeader(TwilioWebhooks.SIGNATURE_HEADER))) {
      chain.doFilter(request, response);
      return;
    }
    log.warn("Refused a call of {} from {}: {} missing or not matching", path, clientAddresses.of(request),
        TwilioWebhooks.SIGNATURE_HEADER);
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), ApiProblems.problem(HttpStatus.FORBIDDEN, "invalid-signature",
        "Not signed by the SMS provider", TwilioWebhooks.SIGNATURE_HEADER + " is missing or does not match this "
            + "request: crmflow.public-url with the path, the form parameters and the SMS provider's auth token"));
  }

  /**
   * The POST body's parameters: the servlet's parameters hold the query string's too, which Twilio signs
   * as part of the URL instead. Anything but a form post has none.
   */
  private static Map<String, List<String>> formParameters(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
      return Map.of();
    }
    Set<String> inQuery = request.getQueryString() == null ? Set.of()
        : UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams().keySet();
    Map<String, List<String>> form = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> {
      if (!inQuery.contains(name)) {
        form.put(name, Arrays.asList(values));
      }
    });
    return form;
  }
}
