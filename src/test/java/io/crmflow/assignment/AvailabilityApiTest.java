package io.crmflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** PUT /api/users/{userId}/availability: by the user, their managers and admins; a clear 400, 403, 404 otherwise. */
@ApiTest
class AvailabilityApiTest {

  @Autowired Api api;
  @Autowired Availability availability;

  @AfterEach
  void everyoneBack() {
    List.of("sam", "mia").forEach(user -> availability.set(user, new Availability.Status(true, null)));
  }

  @Test
  void shouldLetASalespersonSayTheyAreAwayUntilAGivenTimeAndBack() {
    Instant back = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    DocumentContext away = json(put("sam", "sam", """
        {"available": false, "until": "%s"}""".formatted(back)), HttpStatus.OK);

    assertThat((Boolean) away.read("$.available")).isFalse();
    assertThat(Instant.parse(away.read("$.until"))).isEqualTo(back);
    assertThat(availability.takesWorkNow("sam")).isFalse();
    json(put("sam", "sam", "{\"available\": true, \"until\": \"%s\"}".formatted(back)), HttpStatus.OK);
    assertThat(availability.of("sam")).as("back: the absence is forgotten")
        .isEqualTo(new Availability.Status(true, null));
  }

  @Test
  void shouldLetManagersAndAdminsSetItForOthersAndNobodyElse() {
    json(put("mia", "sam", "{\"available\": false}"), HttpStatus.OK);
    assertThat(availability.takesWorkNow("sam")).isFalse();
    json(put("admin", "sam", "{\"available\": true}"), HttpStatus.OK);

    assertThat(put("sam", "mia", "{\"available\": false}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put("sue", "sam", "{\"available\": false}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(null, "sam", "{\"available\": false}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(availability.takesWorkNow("sam")).isTrue();
  }

  @Test
  void shouldNameTheFieldOfABadRequestAndAnswer404ForAnUnknownUser() {
    assertThat(field(put("sam", "sam", "{}"))).isEqualTo("available");
    assertThat(field(put("sam", "sam", "{\"available\": \"maybe\"}"))).isEqualTo("available");
    assertThat(field(put("sam", "sam", "{\"available\": false, \"until\": \"2001-01-01T00:00:00Z\"}")))
        .isEqualTo("until");
    assertThat(field(put("sam", "sam", "{\"available\": false, \"until\": \"soon\"}"))).isEqualTo("until");

    ResponseEntity<String> unknown = put("admin", "nobody-here", "{\"available\": false}");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
  }

  private ResponseEntity<String> put(String caller, String userId, String body) {
    return api.exchange(caller, HttpMethod.PUT, "/api/users/" + userId + "/availability", body, Map.of());
  }

  private static DocumentContext json(ResponseEntity<String> response, HttpStatus expected) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expected);
    return JsonPath.parse(response.getBody());
  }

  private static String field(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    return JsonPath.parse(response.getBody()).read("$.errors[0].field");
  }
}
