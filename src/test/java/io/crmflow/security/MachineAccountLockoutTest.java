package io.crmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.ApiTest;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 16 item 5: someone guessing a machine account's password cannot stop it. Before, Camunda's
 * lockout counted the guesses against the account, and the web form's real credentials got 401.
 */
@ApiTest
class MachineAccountLockoutTest {

  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate rest;
  @Value("${crmflow.security.failed-logins-per-minute}") int failedLoginsPerMinute;

  @Test
  void shouldThrottleTheGuesserAndLetTheMachineAccountGoOn() {
    String form = "form" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    User user = identityService.newUser(form);
    user.setPassword("the-real-password-1");
    identityService.saveUser(user);
    identityService.createMembership(form, CrmGroups.CRM_INTEGRATION);
    String attacker = "203.0.113.66";

    int unauthorized = 0;
    int throttled = 0;
    int guesses = failedLoginsPerMinute + 100;
    for (int i = 0; i < guesses; i++) {
      HttpStatus status = (HttpStatus) submit(form, "guess-" + i, attacker).getStatusCode();
      if (status == HttpStatus.UNAUTHORIZED) {
        unauthorized++;
      } else if (status == HttpStatus.TOO_MANY_REQUESTS) {
        throttled++;
      }
    }
    ResponseEntity<String> real = submit(form, "the-real-password-1", "198.51.100.20");

    assertThat(unauthorized).as("guesses checked until the address is throttled").isEqualTo(failedLoginsPerMinute);
    assertThat(throttled).isEqualTo(100);
    assertThat(real.getStatusCode()).as(real.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(submit("webform", "another-guess", attacker).getStatusCode())
        .as("the guessing address waits out its minute, whatever account it tries next")
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
  }

  private ResponseEntity<String> submit(String user, String password, String client) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    // the test profile trusts X-Forwarded-For: its last entry is the client
    headers.set("X-Forwarded-For", client);
    return rest.withBasicAuth(user, password).exchange("/api/leads", HttpMethod.POST, new HttpEntity<>("""
        {"name": "Machine Test", "email": "machine.%s@example.org"}""".formatted(UUID.randomUUID()), headers),
        String.class);
  }
}
