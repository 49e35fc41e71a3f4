package io.crmflow.security;

import static io.crmflow.security.CrmGroups.ADMINS;
import static io.crmflow.security.CrmGroups.CRM_ADMINS;
import static io.crmflow.security.CrmGroups.CRM_INTEGRATION;
import static io.crmflow.security.CrmGroups.SALES;
import static io.crmflow.security.CrmGroups.SALES_DIRECTORS;
import static io.crmflow.security.CrmGroups.SALES_MANAGERS;
import static io.crmflow.security.CrmGroups.SUPPORT;
import static io.crmflow.security.CrmGroups.SUPPORT_LEADS;

import io.crmflow.web.ClientAddresses;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
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
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. /api and /engine-rest need HTTP Basic against the Camunda identity store;
 * /api also accepts the Camunda webapps' login session (with their CSRF token for changes, see
 * {@link WebappSessionAuthenticationFilter}). /api rules are per group here, /engine-rest is further
 * limited by Camunda's own authorizations. The Camunda webapps under /camunda log users in and
 * guard against CSRF themselves.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String[] STAFF = CrmGroups.STAFF.toArray(String[]::new);

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers handlers,
      // bound here, while the web server starts and before the engine, so a missing admin password stops the start
      SecurityProperties properties, CamundaBpmProperties camunda, ClientAddresses clientAddresses) throws Exception {
    http.securityMatcher(paths("/api/**", "/engine-rest/**", "/dev/**", "/actuator/**", "/dashboard", "/dashboard/**"))
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
            .requestMatchers(path(HttpMethod.GET, "/api/quotes/**"))
            .hasAnyAuthority(SALES, SALES_MANAGERS, SALES_DIRECTORS, ADMINS)
            .requestMatchers(path(HttpMethod.PATCH, "/api/leads/*")).hasAnyAuthority(SALES, SALES_MANAGERS, ADMINS)
            // a mail system or the CRM reports that the lead answered
            .requestMatchers(path(HttpMethod.POST, "/api/leads/*/replies"))
            .hasAnyAuthority(CRM_INTEGRATION, SALES, SALES_MANAGERS, ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/leads/**"), path(HttpMethod.GET, "/api/opportunities/**"),
                path(HttpMethod.GET, "/api/opportunities"))
            .hasAnyAuthority(SALES, SALES_MANAGERS, ADMINS)
            .requestMatchers(path(HttpMethod.POST, "/api/cases"))
            .hasAnyAuthority(CRM_INTEGRATION, SUPPORT, SUPPORT_LEADS, ADMINS)
            .requestMatchers(path(HttpMethod.POST, "/api/cases/*/replies"))
            .hasAnyAuthority(CRM_INTEGRATION, SUPPORT, ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/cases/**")).hasAnyAuthority(SUPPORT, SUPPORT_LEADS, ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/messages/templates/**")).hasAuthority(ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/messages")).hasAnyAuthority(SALES, SALES_MANAGERS, ADMINS)
            // workflow metrics and the dashboard that charts them (the browser sends its Basic credentials)
            .requestMatchers(path(HttpMethod.GET, "/api/metrics/**"), path(HttpMethod.GET, "/dashboard"),
                path(HttpMethod.GET, "/dashboard/**"))
            .hasAnyAuthority(SALES_MANAGERS, SALES_DIRECTORS, SUPPORT_LEADS, ADMINS)
            // the record behind a task (Tasklist plug-in); which tasks a user sees is Camunda's decision
            .requestMatchers(path(HttpMethod.GET, "/api/tasks/{taskId}/record")).hasAnyAuthority(STAFF)
            .requestMatchers(path(HttpMethod.GET, "/api/audit")).hasAnyAuthority(CRM_ADMINS, ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/contacts/*/export"), path(HttpMethod.DELETE, "/api/contacts/*"))
            .hasAuthority(CRM_ADMINS)
            // one person's contact: each reader sees the sections of it their group may read (ContactRecords)
            .requestMatchers(path(HttpMethod.GET, "/api/contacts/*"))
            .hasAnyAuthority(SALES, SALES_MANAGERS, SALES_DIRECTORS, SUPPORT, SUPPORT_LEADS, ADMINS)
            .requestMatchers(path(HttpMethod.POST, "/api/contacts/*/merge"), path(HttpMethod.POST, "/api/contacts/import"))
            .hasAnyAuthority(SALES_MANAGERS, CRM_ADMINS, ADMINS)
            .requestMatchers(paths("/engine-rest/**")).hasAnyAuthority(STAFF)
            .requestMatchers(paths("/dev/**", "/actuator/**")).hasAuthority(ADMINS)
            .anyRequest().denyAll())
        // the login records the client's address, for the failed-login throttle of the authentication provider
        .httpBasic(basic -> basic.authenticationEntryPoint(handlers.unauthorized())
            .authenticationDetailsSource(clientAddresses::of))
        .addFilterAfter(new WebappSessionAuthenticationFilter(camunda.getProcessEngineName(), camunda.getWebapp(),
            handlers.forbidden()), BasicAuthenticationFilter.class)
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

  @Bean
  @Order(2)
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

  private static RequestMatcher paths(String... patterns) {
    return new OrRequestMatcher(Arrays.stream(patterns)
        .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
        .toList());
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
