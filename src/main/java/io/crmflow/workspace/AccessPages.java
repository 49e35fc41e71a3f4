package io.crmflow.workspace;

import io.crmflow.shared.NotFoundException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The workspace's pages about getting in: logging in, "not allowed", and paths that name no page.
 *
 * <p>Logging in goes through the Camunda webapps' own login endpoint, so one login serves Tasklist,
 * Cockpit and the workspace; see app.js and docs/workspace.md.
 */
@Controller
class AccessPages {

  static final String HOME = "/app";

  /**
   * crmflow's login page. {@code next} is where to go afterwards: a workspace page of this host, or
   * the home page — never another site.
   */
  @GetMapping("/app/login")
  ModelAndView login(@RequestParam(required = false) String next, @ModelAttribute("user") WorkspaceUser user) {
    String target = workspacePage(next);
    if (user != null) {
      // already logged in (Tasklist, another tab): on to the page; its query as it is, not a URI template
      RedirectView redirect = new RedirectView(target, true);
      redirect.setExpandUriTemplateVariables(false);
      redirect.setExposeModelAttributes(false);
      return new ModelAndView(redirect);
    }
    return new ModelAndView("login", Map.of("next", target));
  }

  /** Where the security chain forwards a request the user's groups may not make (403). */
  @GetMapping("/app/forbidden")
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String forbidden(HttpServletRequest request, Model model) {
    Object forwardedFrom = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
    String path = forwardedFrom == null ? "" : forwardedFrom.toString().substring(request.getContextPath().length());
    // a record page names one record; a list page many
    model.addAttribute("oneRecord", path.matches("/app/[a-z]+/[^/]+"));
    return "forbidden";
  }

  /**
   * A path under /app that names no page: the workspace's 404 page rather than the API's problem+json.
   * Names with a dot are left to the static files (app.css, app.js).
   */
  @GetMapping({"/app/{page:[a-z-]+}", "/app/{page:[a-z-]+}/{id}/{*rest}"})
  String unknown(HttpServletRequest request) {
    throw new NotFoundException("Page", request.getRequestURI());
  }

  static String workspacePage(String next) {
    boolean local = next != null && (next.equals(HOME) || next.startsWith(HOME + "/") || next.startsWith(HOME + "?"))
        && !next.contains("//") && !next.contains("\\") && next.chars().noneMatch(Character::isISOControl);
    return local ? next : HOME;
  }
}
