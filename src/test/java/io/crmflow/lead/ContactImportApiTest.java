package io.crmflow.lead;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.TestSmtp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/contacts/import} through HTTP: dry runs, created/updated/rejected rows, intakes, bad files. */
@ApiTest
class ContactImportApiTest {

  @Autowired Api api;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void purgeMail() throws Exception {
    TestSmtp.purge();
  }

  @Test
  void shouldReportWithoutStoringOnADryRunThenCreateUpdateAndRejectAsReported() {
    String known = unique("known");
    String newcomer = unique("new");
    String knownContact = json(api.post("webform", "/api/leads", """
        {"name": "Known Person", "email": "%s", "company": "Old Co", "source": "other"}""".formatted(known)))
        .read("$.contactId");
    String file = """
        name,email,company,companySize,budget,source,marketingConsent
        New Person,%s,New Co,40,5000,event,yes
        Known Person,%s,New Employer,,,,
        Bad Row,not-an-address,X,many,,,
        """.formatted(newcomer, known.toUpperCase());

    ResponseEntity<String> dryRun = importCsv("mia", file, "?dryRun=true");

    assertThat(dryRun.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Integer) json(dryRun).read("$.created")).isEqualTo(1);
    assertThat((Integer) json(dryRun).read("$.updated")).isEqualTo(1);
    assertThat((Boolean) json(dryRun).read("$.dryRun")).isTrue();
    assertRejected(json(dryRun));
    assertThat(contactsWithAddress(newcomer)).as("a dry run stores nothing").isZero();
    assertThat(submissions(knownContact)).isEqualTo(1);

    ResponseEntity<String> imported = importCsv("mia", file, "");

    assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Integer) json(imported).read("$.created")).isEqualTo(1);
    assertThat((Integer) json(imported).read("$.updated")).isEqualTo(1);
    assertThat((Integer) json(imported).read("$.intakesQueued")).isZero();
    assertRejected(json(imported));
    assertThat(contactsWithAddress(newcomer)).isEqualTo(1);
    DocumentContext updated = json(api.get("sam", "/api/contacts/" + knownContact));
    assertThat((String) updated.read("$.company")).as("newer non-empty details win").isEqualTo("New Employer");
    assertThat((List<String>) updated.read("$.submissions[*].channel")).containsExactly("import", "api");
    DocumentContext created = json(api.get("sam", "/api/contacts/" + newcomer));
    assertThat((Boolean) created.read("$.marketingConsent")).isTrue();
    assertThat((List<Integer>) created.read("$.submissions[*].companySize")).containsExactly(40);
    assertThat((List<?>) created.read("$.leads")).as("no lead and no intake without startIntake").isEmpty();
    assertThat(TestSmtp.messagesTo(newcomer)).isEmpty();
    assertThat(jdbc.sql("select count(*) from crm_audit where action = 'contacts.imported' and actor = 'mia'")
        .query(Long.class).single()).as("the import is audited, the dry run is not").isEqualTo(1);
  }

  @Test
  void shouldNeverDuplicateAPersonWithinOneFile() {
    String email = unique("twice");
    ResponseEntity<String> imported = importCsv("admin", """
        name,email,phone
        Twice,%s,
        Twice Again,%s,+49 30 1234567
        """.formatted(email, email.toUpperCase()), "");

    assertThat((Integer) json(imported).read("$.created")).isEqualTo(1);
    assertThat((Integer) json(imported).read("$.updated")).isEqualTo(1);
    assertThat(contactsWithAddress(email)).isEqualTo(1);
    assertThat((String) json(api.get("sam", "/api/contacts/" + email)).read("$.phone")).isEqualTo("+49301234567");
  }

  @Test
  void shouldQueueIntakesThatStartAtAPaceAndWelcomeEachNewPersonOnce() {
    String first = unique("paced");
    String second = unique("paced");
    ResponseEntity<String> imported = importCsv("mia", """
        name,email,source
        Paced One,%s,website
        Paced Two,%s,website
        """.formatted(first, second), "?startIntake=true");

    assertThat((Integer) json(imported).read("$.intakesQueued")).isEqualTo(2);
    for (String email : List.of(first, second)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.messagesTo(email).size() == 1);
      DocumentContext contact = json(api.get("sam", "/api/contacts/" + email));
      assertThat((List<?>) contact.read("$.leads")).hasSize(1);
      assertThat((List<String>) contact.read("$.submissions[*].channel")).containsExactly("import");
    }
  }

  @Test
  void shouldRefuseAFileThatCannotBeReadAndStoreNothing() {
    String email = unique("never");
    assertBadRequest(importCsv("mia", "", ""), "file");
    assertBadRequest(importCsv("mia", "name,email,shoeSize\nNever,%s,42\n".formatted(email), ""), "header");
    assertBadRequest(importCsv("mia", "name,company\nNever,X\n", ""), "header");
    assertBadRequest(exchange("mia", ("name,email\nN\u00e9ver,%s\n".formatted(email))
        .getBytes(StandardCharsets.ISO_8859_1), ""), "file");
    assertBadRequest(importCsv("mia", "name,email\nNever,%s\n".formatted(email), "?dryRun=perhaps"), "dryRun");
    byte[] huge = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(huge, (byte) 'x');
    ResponseEntity<String> tooLarge = exchange("mia", huge, "");
    assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(tooLarge.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(contactsWithAddress(email)).isZero();
  }

  private static void assertRejected(DocumentContext report) {
    List<Map<String, Object>> rejected = report.read("$.rejected");
    assertThat(rejected).extracting(row -> row.get("line"), row -> row.get("field"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(4, "companySize"),
            org.assertj.core.groups.Tuple.tuple(4, "email"));
  }

  private void assertBadRequest(ResponseEntity<String> response, String field) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) json(response).read("$.errors[0].field")).isEqualTo(field);
  }

  private ResponseEntity<String> importCsv(String user, String csv, String query) {
    return exchange(user, csv.getBytes(StandardCharsets.UTF_8), query);
  }

  private ResponseEntity<String> exchange(String user, byte[] body, String query) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType("text", "csv"));
    return rest.withBasicAuth(user, user).exchange("/api/contacts/import" + query, HttpMethod.POST,
        new HttpEntity<>(body, headers), String.class);
  }

  private long contactsWithAddress(String email) {
    return jdbc.sql("select count(*) from crm_contact_address where email_normalized = lower(:email)")
        .param("email", email).query(Long.class).single();
  }

  private long submissions(String contactId) {
    return jdbc.sql("select count(*) from crm_contact_submission where contact_id = :id")
        .param("id", contactId).query(Long.class).single();
  }

  private static String unique(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}
