package io.crmflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** What crmflow's own pages need to know about the Camunda webapps' session of a request. */
public final class WebappSessions {

  private WebappSessions() {
  }

  /**
   * The CSRF token Camunda's {@code CsrfPreventionFilter} keeps in the session, or null when the session
   * has none yet. A workspace page hands it to its script, which logs out (and in) through the webapps'
   * own endpoints: the filter sends a session its token only once, as a cookie for {@code /camunda}
   * that a page under {@code /app} cannot read.
   */
  public static String csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null ? null
        : (String) session.getAttribute(WebappSessionAuthenticationFilter.CSRF_TOKEN_SESSION_ATTRIBUTE);
  }
}
