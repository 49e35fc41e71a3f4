package io.crmflow.workspace;

import io.crmflow.security.WebappSessions;
import io.crmflow.shared.DomainException;
import io.crmflow.web.ApiException;
import io.crmflow.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every workspace page has — who is looking (for the header) and the webapps' CSRF token (for
 * logging out) — and the pages for what went wrong, in place of the API's problem+json: a filter the
 * list does not know (400, naming the parameter), a record that does not exist (404), anything else
 * (500, with a reference the log carries too).
 */
@ControllerAdvice(basePackageClasses = WorkspaceAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceAdvice {

  private static final Logger log = LoggerFactory.getLogger(WorkspaceAdvice.class);
  static final String PROBLEM_VIEW = "problem";

  private final IdentityService identityService;

  WorkspaceAdvice(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Who is looking, for the header and the page: null on the login page. */
  @ModelAttribute("user")
  WorkspaceUser user() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    String id = authentication.getName();
    User user = identityService.createUserQuery().userId(id).singleResult();
    String name = user == null ? "" : Stream.of(user.getFirstName(), user.getLastName())
        .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" "));
    return new WorkspaceUser(id, name.isEmpty() ? id : name, WorkspaceUser.groupsOf(authentication));
  }

  /** The webapps' CSRF token of the session, for the script that logs out through their endpoint. */
  @ModelAttribute("webappCsrfToken")
  String webappCsrfToken(HttpServletRequest request) {
    return WebappSessions.csrfToken(request);
  }

  @ExceptionHandler(ApiException.class)
  ModelAndView problem(ApiException exception, HttpServletRequest request) {
    return problemPage(exception.getBody(), request);
  }

  @ExceptionHandler(DomainException.class)
  ModelAndView problem(DomainException exception, HttpServletRequest request) {
    return problemPage(ApiProblems.of(exception), request);
  }

  /** The page for what /api would answer as problem+json: its status, detail and field errors. */
  private ModelAndView problemPage(ProblemDetail problem, HttpServletRequest request) {
    ModelAndView page = problemPage(HttpStatusCode.valueOf(problem.getStatus()), request);
    page.addObject("detail", problem.getDetail());
    if (problem.getProperties() != null && problem.getProperties().get("errors") instanceof List<?> errors) {
      page.addObject("errors", errors);
    }
    return page;
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception exception, HttpServletRequest request) {
    String reference = UUID.randomUUID().toString();
    log.error("Workspace page {} failed, reference {}", request.getRequestURI(), reference, exception);
    ModelAndView page = problemPage(HttpStatus.INTERNAL_SERVER_ERROR, request);
    page.addObject("reference", reference);
    return page;
  }

  /** A problem page: what the advice's model attributes give every page, and the status. */
  private ModelAndView problemPage(HttpStatusCode status, HttpServletRequest request) {
    ModelAndView page = new ModelAndView(PROBLEM_VIEW, status);
    page.addObject("user", user());
    page.addObject("webappCsrfToken", webappCsrfToken(request));
    page.addObject("status", status.value());
    // a list without its filters, after a bad one
    page.addObject("path", request.getRequestURI());
    return page;
  }
}
