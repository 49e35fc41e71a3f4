package io.crmflow.workspace;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that reach Spring Boot's error page from a workspace page — the few a controller cannot
 * answer itself, such as a template that fails to render — get the workspace's problem page instead
 * of the API's JSON. Other paths keep Spring Boot's handling.
 */
@Component
class WorkspaceErrorPages implements ErrorViewResolver {

  @Override
  public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    Object path = model.get("path");
    if (!(path instanceof String page) || !(page.equals(request.getContextPath() + AccessPages.HOME)
        || page.startsWith(request.getContextPath() + AccessPages.HOME + "/"))) {
      return null;
    }
    return new ModelAndView(WorkspaceAdvice.PROBLEM_VIEW, Map.of("status", status.value(), "path", page), status);
  }
}
