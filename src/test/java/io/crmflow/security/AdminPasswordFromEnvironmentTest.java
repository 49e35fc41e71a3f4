package io.crmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Issue 16 item 14: a changed CRMFLOW_ADMIN_PASSWORD takes effect at the next start. The identity
 * set-up runs as at a start with the new setting; before the fix the admin kept the old password (this
 * test failed on the first assertion).
 */
@ApiTest
class AdminPasswordFromEnvironmentTest {

  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired List<ProcessAccess> processAccess;
  @Autowired Api api;

  @Test
  void shouldTakeAChangedAdminPasswordAtTheNextStart() {
    try {
      startWithAdminPassword("a-new-admin-password-42");

      assertThat(identityService.checkPassword("admin", "a-new-admin-password-42")).isTrue();
      assertThat(identityService.checkPassword("admin", "admin")).isFalse();
    } finally {
      startWithAdminPassword("admin");
    }
    assertThat(identityService.checkPassword("admin", "admin")).isTrue();
    assertThat(api.get("admin", "/api/audit?limit=1").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private void startWithAdminPassword(String password) {
    new IdentitySetup(identityService, authorizationService, new SecurityProperties(password, true, 10), processAccess)
        .setUp();
  }
}
