package io.crmflow.testsupport;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls the running app over HTTP as one of the demo users (password = user id). */
/** Imported by {@link ApiTest}; not a scanned component, so other contexts never see it. */
public class Api {

  private final TestRestTemplate rest;

  Api(TestRestTemplate rest) {
    this.rest = rest;
  }

  public ResponseEntity<String> get(String user, String path) {
    return exchange(user, HttpMethod.GET, path, null, Map.of());
  }

  public ResponseEntity<String> post(String user, String path, String json) {
    return exchange(user, HttpMethod.POST, path, json, Map.of());
  }

  public ResponseEntity<String> post(String user, String path, String json, Map<String, String> headers) {
    return exchange(user, HttpMethod.POST, path, json, headers);
  }

  public ResponseEntity<String> exchange(String user, HttpMethod method, String path, String json,
      Map<String, String> headers) {
    HttpHeaders httpHeaders = new HttpHeaders();
    if (json != null) {
      httpHeaders.setContentType(MediaType.APPLICATION_JSON);
    }
    headers.forEach(httpHeaders::add);
    TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, user);
    return client.exchange(path, method, new HttpEntity<>(json, httpHeaders), String.class);
  }

  public static DocumentContext json(ResponseEntity<String> response) {
    return JsonPath.parse(response.getBody());
  }
}
