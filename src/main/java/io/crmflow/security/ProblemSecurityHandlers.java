package io.crmflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.web.ApiProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/** 401 and 403 as problem+json, like every other /api error. */
@Component
class ProblemSecurityHandlers {

  private final ObjectMapper objectMapper;

  ProblemSecurityHandlers(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  AuthenticationEntryPoint unauthorized() {
    return (request, response, exception) -> {
      if (exception instanceof CamundaIdentityAuthenticationProvider.TooManyFailedLogins throttled) {
        long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(response, ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
            "Too many failed logins", "Too many failed logins from your address; try again in " + seconds + " s"));
        return;
      }
      // a script in a logged-out page (the Tasklist plug-in) says so: it shows its own message
      // instead of the browser's Basic login dialog
      if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"crmflow\"");
      }
      write(response, ApiProblems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
          "Send HTTP Basic credentials of a crmflow user, or log in to Camunda Tasklist"));
    };
  }

  AccessDeniedHandler forbidden() {
    return (request, response, exception) -> write(response, exception instanceof CsrfException
        ? ApiProblems.problem(HttpStatus.FORBIDDEN, "csrf", "Forbidden",
            "A change made with the Camunda webapp session needs its CSRF token in the X-XSRF-TOKEN header")
        : ApiProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
            "Your groups do not allow " + request.getMethod() + " " + request.getRequestURI()));
  }

  private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
