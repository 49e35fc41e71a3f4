package io.crmflow.security;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A member of staff's mobile number, which "Send SMS" steps to them text (StaffDirectory). */
@ApiTest
class StaffPhoneApiTest {

  @Autowired Api api;
  @Autowired StaffDirectory staff;

  @Test
  void shouldLetUsersSetTheirOwnNumberAndAdminsAnyones() {
    assertThat(put("lea", "lea", "+442079460123").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(staff.user("lea").orElseThrow().phone()).isEqualTo("+442079460123");

    assertThat(put("lea", "sue", "+442079460124").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put("admin", "sue", "+442079460124").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(staff.user("sue").orElseThrow().phone()).isEqualTo("+442079460124");

    assertThat(put("lea", "lea", "").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(staff.user("lea").orElseThrow().phone()).isNull();
    put("admin", "sue", "");  // the shared demo users as they were
  }

  @Test
  void shouldRefuseANumberNotInE164AndAnUnknownUser() {
    ResponseEntity<String> invalid = put("admin", "sue", "0049 30 1234567");
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(invalid).read("$.errors[*].field")).containsExactly("phone");

    assertThat(put("admin", "nobody-here", "+442079460125").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<String> put(String caller, String userId, String phone) {
    return api.exchange(caller, HttpMethod.PUT, "/api/users/" + userId + "/phone", "{\"phone\": \"" + phone + "\"}",
        Map.of());
  }
}
