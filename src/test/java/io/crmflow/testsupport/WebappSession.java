package io.crmflow.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's login to the Camunda webapps, over plain HTTP: the session cookie Tasklist holds
 * after logging in, and the CSRF token the webapps handed it. For tests of what that session may
 * do outside /camunda.
 */
public final class WebappSession {

  private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;]+)");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private String sessionId;
  private String csrfToken;

  private WebappSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** A browser that has not logged in (yet). */
  public static WebappSession anonymous(int port) {
    return new WebappSession(port);
  }

  /** Logs in to Tasklist as the demo user (password = user id), the way Tasklist's login page does. */
  public static WebappSession login(int port, String user) throws IOException, InterruptedException {
    WebappSession session = new WebappSession(port);
    session.fetchCsrfToken();
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(
            URI.create(session.base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", session.csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)));
    if (login.statusCode() != 200) {
      throw new IllegalStateException("Tasklist login as " + user + " failed: " + login.statusCode() + " " + login.body());
    }
    // the login starts a new session, which gets a token of its own on its first GET
    session.csrfToken = null;
    session.fetchCsrfToken();
    return session;
  }

  private void fetchCsrfToken() throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).GET());
    csrfToken = response.headers().firstValue("X-XSRF-TOKEN").orElseThrow(() ->
        new IllegalStateException("the webapps handed out no CSRF token"));
  }

  public String sessionId() {
    return sessionId;
  }

  public String csrfToken() {
    return csrfToken;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET());
  }

  /** A page as a browser asks for it (HTML), with the session cookie; redirects are not followed. */
  public HttpResponse<String> page(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
  }

  /** A JSON request with the session cookie, and with the given CSRF header value unless it is null. */
  public HttpResponse<String> send(String method, String path, String json, String csrfHeader)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (csrfHeader != null) {
      request.header("X-XSRF-TOKEN", csrfHeader);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (sessionId != null) {
      request.header("Cookie", "JSESSIONID=" + sessionId);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    List<String> cookies = response.headers().allValues("Set-Cookie");
    for (String cookie : cookies) {
      Matcher matcher = SESSION_COOKIE.matcher(cookie);
      if (matcher.lookingAt()) {
        sessionId = matcher.group(1);
      }
    }
    return response;
  }
}
