package io.crmflow.security;

import static io.crmflow.security.CrmGroups.ADMINS;
import static io.crmflow.security.CrmGroups.CASE_READERS;
import static io.crmflow.security.CrmGroups.CONTACT_READERS;
import static io.crmflow.security.CrmGroups.CRM_ADMINS;
import static io.crmflow.security.CrmGroups.CRM_INTEGRATION;
import static io.crmflow.security.CrmGroups.LEAD_READERS;
import static io.crmflow.security.CrmGroups.METRICS_READERS;
import static io.crmflow.security.CrmGroups.OPPORTUNITY_READERS;
import static io.crmflow.security.CrmGroups.QUOTE_READERS;
import static io.crmflow.security.CrmGroups.SALES;
import static io.crmflow.security.CrmGroups.SALES_MANAGERS;
import static io.crmflow.security.CrmGroups.SUPPORT;
import static io.crmflow.security.CrmGroups.SUPPORT_LEADS;

import io.crmflow.web.ClientAddresses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.expression.WebExpressionAuthorizationManager;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. /api and /engine-rest need HTTP Basic against the Camunda identity store;
 * /api also accepts the Camunda webapps' login session (with their CSRF token for changes, see
 * {@link WebappSessionAuthenticationFilter}). /api rules are per group here, /engine-rest is further
 * limited by Camunda's own authorizations. The workspace's pages under /app accept only that
 * session. The Camunda webapps under /camunda log users in and guard against CSRF themselves.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String[] STAFF = CrmGroups.STAFF.toArray(String[]::new);
  /** The OpenAPI description of /api and Swagger UI, at springdoc's default paths (docs/api.md). */
  private static final String[] API_DESCRIPTION = {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
      "/swagger-ui.html", "/swagger-ui/**"};

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers handlers,
      // bound here, while the web server starts and before the engine, so a missing admin password stops the start
      SecurityProperties properties, CamundaBpmProperties camunda, ClientAddresses clientAddresses) throws Exception {
    http.securityMatcher(new OrRequestMatcher(
            paths("/api/**", "/engine-rest/**", "/dev/**", "/actuator/**", "/dashboard", "/dashboard/**"),
            paths(API_DESCRIPTION)))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
            .requestMatchers(path(HttpMethod.POST, "/api/leads"))
            .hasAnyAuthority(CRM_INTEGRATION, SALES, SALES_MANAGERS, ADMINS)
            .requestMatchers(path(HttpMethod.POST, "/api/opportunities/{opportunityId}/quotes"))
            .hasAnyAuthority(SALES, SALES_MANAGERS, ADMINS)
            // the customer-facing site answers quotes for its customers
            .requestMatchers(path(HttpMethod.POST, "/api/quotes/{quoteId}/acceptance"))
            .hasAnyAuthority(CRM_INTEGRATION, SALES, SALES_MANAGERS, ADMINS)
            // the shop, or a salesperson taking the customer's next order, redeems the coupon of an accepted quote
            .requestMatchers(path(HttpMethod.POST, "/api/coupons/{code}/redemption"))
            .hasAnyAuthority(CRM_INTEGRATION, SALES, SALES_MANAGERS, ADMINS)
            // whoever may read a record may add a task to it
            .requestMatchers(path(HttpMethod.POST, "/api/leads/*/tasks")).hasAnyAuthority(groups(LEAD_READERS))
            .requestMatchers(path(HttpMethod.POST, "/api/opportunities/*/tasks"))
            .hasAnyAuthority(groups(OPPORTUNITY_READERS))
            .requestMatchers(path(HttpMethod.POST, "/api/quotes/*/tasks")).hasAnyAuthority(groups(QUOTE_READERS))
            .requestMatchers(path(HttpMethod.POST, "/api/cases/*/tasks")).hasAnyAuthority(groups(CASE_READERS))
            .requestMatchers(path(HttpMethod.GET, "/api/quotes/**")).hasAnyAuthority(groups(QUOTE_READERS))
            .requestMatchers(path(HttpMethod.PATCH, "/api/leads/*")).hasAnyAuthority(SALES, SALES_MANAGERS, ADMINS)
            // a mail system or the CRM reports that the lead answered
            .requestMatchers(path(HttpMethod.POST, "/api/leads/*/replies"))
            .hasAnyAuthority(CRM_INTEGRATION, SALES, SALES_MANAGERS, ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/leads/**")).hasAnyAuthority(groups(LEAD_READERS))
            .requestMatchers(path(HttpMethod.GET, "/api/opportunities/**"), path(HttpMethod.GET, "/api/opportunities"))
            .hasAnyAuthority(groups(OPPORTUNITY_READERS))
            .requestMatchers(path(HttpMethod.POST, "/api/cases"))
            .hasAnyAuthority(CRM_INTEGRATION, SUPPORT, SUPPORT_LEADS, ADMINS)
            .requestMatchers(path(HttpMethod.POST, "/api/cases/*/replies"))
            .hasAnyAuthority(CRM_INTEGRATION, SUPPORT, ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/cases/**")).hasAnyAuthority(groups(CASE_READERS))
            .requestMatchers(path(HttpMethod.GET, "/api/messages/templates/**")).hasAuthority(ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/messages")).hasAnyAuthority(SALES, SALES_MANAGERS, ADMINS)
            // workflow metrics and the dashboard that charts them (the browser sends its Basic credentials)
            .requestMatchers(path(HttpMethod.GET, "/api/metrics/**"), path(HttpMethod.GET, "/dashboard"),
                path(HttpMethod.GET, "/dashboard/**"))
            .hasAnyAuthority(groups(METRICS_READERS))
            // the record behind a task (Tasklist plug-in); which tasks a user sees is Camunda's decision
            .requestMatchers(path(HttpMethod.GET, "/api/tasks/{taskId}/record")).hasAnyAuthority(STAFF)
            // a salesperson says they are away or back; their managers and admins may say it for them
            .requestMatchers(path(HttpMethod.PUT, "/api/users/{userId}/availability"))
            .access(new WebExpressionAuthorizationManager("#userId == authentication.name or hasAnyAuthority('"
                + SALES_MANAGERS + "', '" + ADMINS + "')"))
            // a member of staff's mobile number, for SMS to them: their own, or any for admins
            .requestMatchers(path(HttpMethod.PUT, "/api/users/{userId}/phone"))
            .access(new WebExpressionAuthorizationManager("#userId == authentication.name or hasAuthority('"
                + ADMINS + "')"))
            .requestMatchers(path(HttpMethod.GET, "/api/audit")).hasAnyAuthority(CRM_ADMINS, ADMINS)
            // the SMS provider's webhooks: its signature, checked by the inbound module, stands in for a login
            .requestMatchers(path(HttpMethod.POST, "/api/inbound/sms/twilio"),
                path(HttpMethod.POST, "/api/inbound/sms/twilio/status")).permitAll()
            // texts from unknown numbers: personal data of people crmflow may not know yet
            .requestMatchers(path(HttpMethod.GET, "/api/inbound/unmatched")).hasAnyAuthority(CRM_ADMINS, ADMINS)
            // Mailgun's webhooks log in by their signature, which the endpoint verifies (docs/inbound-email.md)
            .requestMatchers(path(HttpMethod.POST, "/api/inbound/email/mailgun"),
                path(HttpMethod.POST, "/api/inbound/email/mailgun/events")).permitAll()
            .requestMatchers(path(HttpMethod.GET, "/api/inbound/email/unmatched")).hasAnyAuthority(CRM_ADMINS, ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/contacts/*/export"), path(HttpMethod.DELETE, "/api/contacts/*"))
            .hasAuthority(CRM_ADMINS)
            // one person's contact: each reader sees the sections of it their group may read (ContactRecords)
            .requestMatchers(path(HttpMethod.GET, "/api/contacts/*")).hasAnyAuthority(groups(CONTACT_READERS))
            .requestMatchers(path(HttpMethod.POST, "/api/contacts/*/merge"), path(HttpMethod.POST, "/api/contacts/import"))
            .hasAnyAuthority(SALES_MANAGERS, CRM_ADMINS, ADMINS)
            // the OpenAPI description of /api and Swagger UI (docs/api.md): for everyone with a crmflow group,
            // integrators too; it holds no data, only what each endpoint takes and answers
            .requestMatchers(paths(HttpMethod.GET, API_DESCRIPTION)).hasAnyAuthority(groups(CrmGroups.ALL))
            .requestMatchers(paths("/engine-rest/**")).hasAnyAuthority(STAFF)
            .requestMatchers(paths("/dev/**", "/actuator/**")).hasAuthority(ADMINS)
            .anyRequest().denyAll())
        // the login records the client's address, for the failed-login throttle of the authentication provider
        .httpBasic(basic -> basic.authenticationEntryPoint(handlers.unauthorized())
            .authenticationDetailsSource(clientAddresses::of))
        // people: the Tasklist plug-in, the dashboard and Swagger UI read /api with the webapps' login
        .addFilterAfter(WebappSessionAuthenticationFilter.besideBasic(
            new OrRequestMatcher(paths("/api/**", "/dashboard", "/dashboard/**"), paths(API_DESCRIPTION)),
            camunda.getProcessEngineName(), camunda.getWebapp(), handlers.forbidden()), BasicAuthenticationFilter.class)
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(handlers.unauthorized())
            .accessDeniedHandler(handlers.forbidden()))
        // never creates a session: Basic is stateless, a browser brings the webapps' session, whose
        // id only the webapps' login changes (fixation protection here would rotate it on every call)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        // Basic needs no CSRF protection (no cookie for it to ride on); session-authenticated changes
        // are checked against the webapps' CSRF token by WebappSessionAuthenticationFilter
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  /**
   * The workspace, crmflow's record pages for people: authenticated only by the Camunda webapps'
   * login session (one login with Tasklist and Cockpit), never by Basic. Each record type is read by
   * the groups that may read it through /api. Without a login, a page sends the browser to
   * crmflow's login page, which comes back to it; a page the user's groups may not see answers 403
   * with the workspace's "not allowed" page.
   */
  @Bean
  @Order(2)
  SecurityFilterChain workspaceSecurity(HttpSecurity http, ProblemSecurityHandlers handlers,
      CamundaBpmProperties camunda) throws Exception {
    AccessDeniedHandlerImpl notAllowedPage = new AccessDeniedHandlerImpl();
    notAllowedPage.setErrorPage(WORKSPACE_FORBIDDEN_PAGE);
    http.securityMatcher(paths("/app", "/app/**"))
        .authorizeHttpRequests(requests -> requests
            // the "not allowed" page itself, and error pages, render for whoever got there
            .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
            .requestMatchers(path(HttpMethod.GET, WORKSPACE_LOGIN_PAGE), path(HttpMethod.GET, "/app/*.css"),
                path(HttpMethod.GET, "/app/*.js")).permitAll()
            .requestMatchers(path(HttpMethod.GET, "/app/leads"), path(HttpMethod.GET, "/app/leads/*"))
            .hasAnyAuthority(groups(LEAD_READERS))
            .requestMatchers(path(HttpMethod.GET, "/app/opportunities"), path(HttpMethod.GET, "/app/opportunities/*"))
            .hasAnyAuthority(groups(OPPORTUNITY_READERS))
            .requestMatchers(path(HttpMethod.GET, "/app/quotes"), path(HttpMethod.GET, "/app/quotes/*"))
            .hasAnyAuthority(groups(QUOTE_READERS))
            .requestMatchers(path(HttpMethod.GET, "/app/cases"), path(HttpMethod.GET, "/app/cases/*"))
            .hasAnyAuthority(groups(CASE_READERS))
            .requestMatchers(path(HttpMethod.GET, "/app/contacts/*")).hasAnyAuthority(groups(CONTACT_READERS))
            // the home page (each user's own lists) and pages that do not exist (404 once logged in)
            .requestMatchers(path(HttpMethod.GET, "/app"), path(HttpMethod.GET, "/app/**")).authenticated()
            // the workspace only reads: logging in and out go to the webapps' own endpoints
            .anyRequest().denyAll())
        .addFilterBefore(WebappSessionAuthenticationFilter.only(paths("/app", "/app/**"),
                camunda.getProcessEngineName(), camunda.getWebapp(), handlers.forbidden()),
            AnonymousAuthenticationFilter.class)
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(SecurityConfiguration::redirectToWorkspaceLogin)
            .accessDeniedHandler(notAllowedPage))
        // like /api: the webapps' session is read, never created here, and its id only their login changes
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        // no form posts to /app; a change made with the session would need the webapps' CSRF token
        // (WebappSessionAuthenticationFilter), and every non-GET request is denied above anyway
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.deny()));
    return http.build();
  }

  static final String WORKSPACE_LOGIN_PAGE = "/app/login";
  static final String WORKSPACE_FORBIDDEN_PAGE = "/app/forbidden";

  /**
   * To crmflow's login page, with the page asked for as {@code next} (path and query, without the
   * context path): the login page returns there.
   */
  private static void redirectToWorkspaceLogin(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    String page = request.getRequestURI().substring(request.getContextPath().length())
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    response.sendRedirect(request.getContextPath() + WORKSPACE_LOGIN_PAGE + "?next="
        + URLEncoder.encode(page, StandardCharsets.UTF_8));
  }

  @Bean
  @Order(3)
  SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // the Camunda webapps bring their own CSRF filter and session login
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
    return http.build();
  }

  /**
   * Matches on the whole path, whichever servlet serves it: /engine-rest is Jersey's servlet, not
   * Spring MVC's, so MVC-relative matchers would silently miss it.
   */
  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  private static String[] groups(List<String> groups) {
    return groups.toArray(String[]::new);
  }

  private static RequestMatcher paths(String... patterns) {
    return new OrRequestMatcher(Arrays.stream(patterns)
        .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
        .toList());
  }

  private static RequestMatcher paths(HttpMethod method, String... patterns) {
    return new OrRequestMatcher(Arrays.stream(patterns).map(pattern -> path(method, pattern)).toList());
  }

  /**
   * Hands the user Spring Security authenticated to the engine, so /engine-rest runs every call
   * under that user's Camunda authorizations (task visibility, process rights).
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
    registration.setOrder(10);
    return registration;
  }
}
