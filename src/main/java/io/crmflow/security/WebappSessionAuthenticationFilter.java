package io.crmflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.property.WebappProperty;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One login for people: a browser logged in to Tasklist or Cockpit calls {@code /api} with the
 * Camunda webapps' session, so the Tasklist plug-in and the workspace ({@code /app}) read records
 * as that user without a second login. On {@code /api} machines keep using HTTP Basic: a request
 * that carries an {@code Authorization} header is left to Basic alone and never falls back to the
 * session ({@link #besideBasic}). The workspace knows no Basic ({@link #only}): a browser may send
 * Basic credentials it cached for another page of the host, and the session still decides.
 *
 * <p>The user and groups come from the webapps' own login, {@link Authentications} in the
 * session, for the default engine; the groups become authorities, as for Basic. They are
 * revalidated on the webapps' schedule ({@code camunda.bpm.webapp.auth.cache}), so a changed group
 * or a deleted user takes effect here as in Tasklist.
 *
 * <p>A cookie rides along on cross-site requests, so a state-changing request authenticated this
 * way must also carry the webapps' CSRF token: header {@code X-XSRF-TOKEN} equal to the token
 * Camunda's {@code CsrfPreventionFilter} keeps in the session (and hands the page as the
 * {@code XSRF-TOKEN} cookie). Without it the request is refused with 403, not passed on
 * unauthenticated. GET, HEAD and OPTIONS need no token, as in the webapps.
 */
final class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  /** The session attribute the webapps' login writes ({@code AuthenticationUtil.CAM_AUTH_SESSION_KEY}). */
  static final String AUTHENTICATIONS_SESSION_ATTRIBUTE = "authenticatedUser";
  static final String CSRF_TOKEN_SESSION_ATTRIBUTE = CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME;
  static final String CSRF_TOKEN_HEADER = CsrfConstants.CSRF_TOKEN_HEADER_NAME;
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final RequestMatcher scope;
  private final boolean basicFirst;
  private final String engineName;
  private final Long authCacheTimeToLive;
  private final AccessDeniedHandler forbidden;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
  // the login also holds for forwards and error pages within the request (the workspace's 403 page)
  private final SecurityContextRepository requestContexts = new RequestAttributeSecurityContextRepository();

  /**
   * @param scope      the requests the session authenticates
   * @param basicFirst whether a request with an {@code Authorization} header is left to HTTP Basic
   * @param engineName the engine whose webapp login counts (crmflow runs one, the default)
   * @param webapp     the starter's webapp settings: how long the webapps trust cached groups
   * @param forbidden  answers a missing or wrong CSRF token
   */
  private WebappSessionAuthenticationFilter(RequestMatcher scope, boolean basicFirst, String engineName,
      WebappProperty webapp, AccessDeniedHandler forbidden) {
    this.scope = scope;
    this.basicFirst = basicFirst;
    this.engineName = engineName;
    this.authCacheTimeToLive = webapp.getAuth().getCache().isTtlEnabled()
        ? webapp.getAuth().getCache().getTimeToLive() : null;
    this.forbidden = forbidden;
  }

  /** For a chain with HTTP Basic: requests in scope with an {@code Authorization} header are Basic's alone. */
  static WebappSessionAuthenticationFilter besideBasic(RequestMatcher scope, String engineName, WebappProperty webapp,
      AccessDeniedHandler forbidden) {
    return new WebappSessionAuthenticationFilter(scope, true, engineName, webapp, forbidden);
  }

  /** For a chain the session alone authenticates. */
  static WebappSessionAuthenticationFilter only(RequestMatcher scope, String engineName, WebappProperty webapp,
      AccessDeniedHandler forbidden) {
    return new WebappSessionAuthenticationFilter(scope, false, engineName, webapp, forbidden);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !scope.matches(request) || (basicFirst && request.getHeader(HttpHeaders.AUTHORIZATION) != null);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    UserAuthentication user = session == null ? null : webappUser(session);
    if (user == null) {
      chain.doFilter(request, response);  // anonymous: the chain's entry point answers (401, or the login page)
      return;
    }
    if (!SAFE_METHODS.contains(request.getMethod())) {
      String expected = (String) session.getAttribute(CSRF_TOKEN_SESSION_ATTRIBUTE);
      String sent = request.getHeader(CSRF_TOKEN_HEADER);
      if (sent == null || sent.isBlank()) {
        forbidden.handle(request, response, new MissingCsrfTokenException(sent));
        return;
      }
      if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
          sent.getBytes(StandardCharsets.UTF_8))) {
        forbidden.handle(request, response,
            new InvalidCsrfTokenException(new DefaultCsrfToken(CSRF_TOKEN_HEADER, "_csrf", "n/a"), sent));
        return;
      }
    }
    List<GrantedAuthority> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds().stream()
        .map(id -> (GrantedAuthority) new SimpleGrantedAuthority(id))
        .toList();
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getIdentityId(), null, groups));
    contexts.setContext(context);
    requestContexts.saveContext(context, request, response);
    chain.doFilter(request, response);
  }

  /** The user logged in to the webapps on this session for crmflow's engine, or null. */
  private UserAuthentication webappUser(HttpSession session) {
    // read, not AuthenticationUtil.getAuthsFromSession: that would write an empty login into every session
    if (!(session.getAttribute(AUTHENTICATIONS_SESSION_ATTRIBUTE) instanceof Authentications authentications)
        || !authentications.hasAuthenticationForProcessEngine(engineName)) {
      return null;
    }
    if (authCacheTimeToLive != null) {
      // what the webapps' AuthenticationFilter does on each of their requests: reload groups when due,
      // drop the login of a deleted user
      AuthenticationUtil.updateCache(authentications, session, authCacheTimeToLive);
      AuthenticationUtil.updateSession(session, authentications);
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
    return authentication instanceof UserAuthentication user ? user : null;
  }
}
