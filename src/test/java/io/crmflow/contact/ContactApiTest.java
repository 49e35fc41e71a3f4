package io.crmflow.contact;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.TestSmtp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One person, one contact: submissions at any time, cases, the contact view and merging, through HTTP. */
@ApiTest
class ContactApiTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;

  @BeforeEach
  void purgeMail() throws Exception {
    TestSmtp.purge();
  }

  @Test
  void shouldKeepOneContactOneLeadAndOneWelcomeWhenThePersonSubmitsAgainAfterTheIntakeEnded() {
    String email = unique("ada");
    ResponseEntity<String> first = submitColdLead(email, "Ada Lovelace", "Analytical Engines");
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String leadId = json(first).read("$.leadId");
    String contactId = json(first).read("$.contactId");
    awaitIntakeEnded(leadId);
    await().atMost(Duration.ofSeconds(20)).until(() -> TestSmtp.messagesTo(email).size() == 1);

    // the same person, seconds later, typing the address differently and with a new employer
    ResponseEntity<String> again = api.post("webform", "/api/leads", """
        {"name": "Ada King", "email": "%s", "company": "Babbage & Co", "source": "event"}
        """.formatted(email.toUpperCase()));

    assertThat(again.getStatusCode()).as("merged into the open lead").isEqualTo(HttpStatus.OK);
    assertThat((String) json(again).read("$.leadId")).isEqualTo(leadId);
    assertThat((String) json(again).read("$.contactId")).isEqualTo(contactId);
    assertThat(count("select count(*) from crm_contact_address where contact_id = :id", contactId)).isEqualTo(1);
    assertThat(count("select count(*) from crm_lead where contact_id = :id", contactId)).isEqualTo(1);
    assertThat(welcomesLogged(contactId)).as("the merge starts no second intake").isEqualTo(1);
    assertThat(TestSmtp.messagesTo(email)).hasSize(1);

    DocumentContext contact = json(api.get("sam", "/api/contacts/" + contactId));
    assertThat((String) contact.read("$.name")).as("newer non-empty details win").isEqualTo("Ada King");
    assertThat((String) contact.read("$.company")).isEqualTo("Babbage & Co");
    assertThat((String) contact.read("$.lifecycleStage")).isEqualTo("lead");
    assertThat((List<String>) contact.read("$.submissions[*].channel")).containsExactly("api", "api");
    assertThat((List<String>) contact.read("$.submissions[*].source")).containsExactly("event", "other");
    assertThat((List<String>) contact.read("$.leads[*].id")).containsExactly(leadId);
    assertThat((String) json(api.get("sam", "/api/leads/" + leadId)).read("$.source"))
        .as("the lead's own facts: newer non-empty win too").isEqualTo("event");
  }

  @Test
  void shouldOpenANewLeadOnTheSameContactAfterDisqualificationWithoutASecondWelcome() {
    String email = unique("grace");
    ResponseEntity<String> first = submitColdLead(email, "Grace Hopper", "Navy");
    String firstLead = json(first).read("$.leadId");
    String contactId = json(first).read("$.contactId");
    awaitIntakeEnded(firstLead);
    ResponseEntity<String> disqualified = api.exchange("sam", HttpMethod.PATCH, "/api/leads/" + firstLead,
        "{\"status\": \"DISQUALIFIED\"}", Map.of());
    assertThat(disqualified.getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> again = submitColdLead(email, "Grace Hopper", "Navy");

    assertThat(again.getStatusCode()).as("a new lead").isEqualTo(HttpStatus.ACCEPTED);
    String secondLead = json(again).read("$.leadId");
    assertThat(secondLead).isNotEqualTo(firstLead);
    assertThat((String) json(again).read("$.contactId")).isEqualTo(contactId);
    awaitIntakeEnded(secondLead);
    List<String> steps = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(json(again).read("$.processInstanceId")).list().stream()
        .map(HistoricActivityInstance::getActivityId).toList();
    assertThat(steps).contains("Task_MoveLeadToNurturing").doesNotContain("Task_SendWelcomeEmail");
    assertThat(welcomesLogged(contactId)).isEqualTo(1);
    assertThat(TestSmtp.messagesTo(email)).as("welcomed once within crmflow.leads.welcome-interval").hasSize(1);
    assertThat((List<String>) json(api.get("sam", "/api/contacts/" + contactId)).read("$.leads[*].id"))
        .containsExactly(secondLead, firstLead);
  }

  @Test
  void shouldJoinACaseToThePersonsContactAndShowEachRoleItsPart() {
    String email = unique("joan");
    ResponseEntity<String> lead = submitColdLead(email, "Joan Clarke", "Clarke Ltd");
    String contactId = json(lead).read("$.contactId");

    ResponseEntity<String> opened = api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "customerName": "Someone Else", "subject": "Invoice", "description": "Wrong VAT"}
        """.formatted(email.toUpperCase()));
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat((String) json(opened).read("$.contactId")).isEqualTo(contactId);
    String caseId = json(opened).read("$.caseId");

    DocumentContext supportCase = json(api.get("sue", "/api/cases/" + caseId));
    assertThat((String) supportCase.read("$.contactId")).isEqualTo(contactId);
    assertThat((String) supportCase.read("$.lifecycleStage")).isEqualTo("lead");
    assertThat((String) supportCase.read("$.customerName")).as("a case fills in, never overwrites, the name")
        .isEqualTo("Joan Clarke");

    DocumentContext asSupport = json(api.get("sue", "/api/contacts/" + contactId));
    assertThat((List<String>) asSupport.read("$.cases[*].id")).containsExactly(caseId);
    assertThat((Map<String, Object>) asSupport.read("$")).doesNotContainKeys("leads", "opportunities", "quotes");
    assertThat((List<String>) asSupport.read("$.submissions[*].channel")).containsExactly("case", "api");
    DocumentContext asSales = json(api.get("sam", "/api/contacts/" + contactId));
    assertThat((Map<String, Object>) asSales.read("$")).containsKeys("leads", "opportunities", "quotes")
        .doesNotContainKey("cases");
    assertThat((List<String>) asSales.read("$.messages[*].template")).as("sales sees the lead's messages only")
        .doesNotContain("case-received");
    assertThat((String) json(api.get("sam", "/api/contacts/" + email)).read("$.id"))
        .as("a contact is found by any of its addresses too").isEqualTo(contactId);
  }

  @Test
  void shouldMergeEverythingIntoOneContactAndLeaveOneNurtureSequence() {
    String survivorEmail = unique("mary");
    String duplicateEmail = unique("m.somerville");
    String survivorLead = submitWarmLeadWithConsent(survivorEmail, "Mary Somerville");
    String duplicateLead = submitWarmLeadWithConsent(duplicateEmail, null);
    String survivorId = contactOf(survivorLead);
    String duplicateId = contactOf(duplicateLead);
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Login", "description": "Cannot log in"}
        """.formatted(duplicateEmail))).read("$.caseId");
    assertThat(runningSequences(survivorLead, duplicateLead)).isEqualTo(2);

    ResponseEntity<String> merged = api.post("mia", "/api/contacts/" + survivorId + "/merge",
        "{\"duplicateContactId\": \"" + duplicateId + "\"}");

    assertThat(merged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(merged).read("$.id")).isEqualTo(survivorId);
    DocumentContext contact = json(api.get("admin", "/api/contacts/" + survivorId));
    assertThat((List<String>) contact.read("$.addresses")).containsExactlyInAnyOrder(survivorEmail, duplicateEmail);
    assertThat((List<String>) contact.read("$.leads[*].id")).containsExactlyInAnyOrder(survivorLead, duplicateLead);
    assertThat((List<String>) contact.read("$.cases[*].id")).containsExactly(caseId);
    assertThat((String) contact.read("$.name")).isEqualTo("Mary Somerville");
    assertThat(runningSequences(survivorLead, duplicateLead)).as("one person, one nurture sequence").isEqualTo(1);
    DocumentContext stopped = json(api.get("sam", "/api/leads/" + duplicateLead));
    assertThat((String) stopped.read("$.status")).isEqualTo("COLD");
    assertThat((String) stopped.read("$.nurtureExitReason")).isEqualTo("MERGED");
    assertThat(api.get("admin", "/api/contacts/" + duplicateId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(count("select count(*) from crm_audit where action = 'contact.merged' and record_id = :id",
        survivorId)).isEqualTo(1);

    ResponseEntity<String> later = api.post("webform", "/api/leads", """
        {"name": "Mary", "email": "%s"}""".formatted(duplicateEmail));
    assertThat((String) json(later).read("$.contactId")).as("the duplicate's address now reaches the survivor")
        .isEqualTo(survivorId);
    assertThat((String) json(later).read("$.leadId")).as("and its open lead").isEqualTo(survivorLead);
  }

  @Test
  void shouldRefuseMergesThatCannotBeRight() {
    String contactId = json(submitColdLead(unique("alan"), "Alan Turing", "Bletchley")).read("$.contactId");
    String other = json(submitColdLead(unique("alan.t"), "Alan M. Turing", "Bletchley")).read("$.contactId");
    String merge = "/api/contacts/" + contactId + "/merge";

    assertProblem(api.post("mia", merge, "{\"duplicateContactId\": \"" + contactId + "\"}"), HttpStatus.CONFLICT);
    assertProblem(api.post("mia", merge, "{\"duplicateContactId\": \"no-such-contact\"}"), HttpStatus.NOT_FOUND);
    ResponseEntity<String> missing = api.post("mia", merge, "{}");
    assertProblem(missing, HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody()).contains("duplicateContactId");
    assertThat(api.post("sam", merge, "{\"duplicateContactId\": \"" + other + "\"}").getStatusCode())
        .as("salespeople do not merge").isEqualTo(HttpStatus.FORBIDDEN);
    api.exchange("admin", HttpMethod.DELETE, "/api/contacts/" + other, null, Map.of());
    assertProblem(api.post("admin", merge, "{\"duplicateContactId\": \"" + other + "\"}"), HttpStatus.CONFLICT);
  }

  @Test
  void shouldAnswerUnknownContactsWith404AndOnlyLetStaffRead() {
    assertProblem(api.get("sam", "/api/contacts/" + UUID.randomUUID()), HttpStatus.NOT_FOUND);
    assertProblem(api.get("sam", "/api/contacts/" + unique("nobody")), HttpStatus.NOT_FOUND);
    assertThat(api.get("webform", "/api/contacts/" + UUID.randomUUID()).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.get(null, "/api/contacts/" + UUID.randomUUID()).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** Cold (source other, nothing else): the intake ends within a second, the lead stays NURTURING (open). */
  private ResponseEntity<String> submitColdLead(String email, String name, String company) {
    return api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "company": "%s", "source": "other"}
        """.formatted(name, email, company));
  }

  /** Warm (webinar, 200 employees) with consent: the intake ends in NURTURING and a nurture sequence runs. */
  private String submitWarmLeadWithConsent(String email, String name) {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "companySize": 200, "source": "webinar", "marketingConsent": true}
        """.formatted(name == null ? "M." : name, email))).read("$.leadId");
    await().atMost(Duration.ofSeconds(20)).until(() -> runningSequences(leadId) == 1);
    return leadId;
  }

  private String contactOf(String leadId) {
    return json(api.get("sam", "/api/leads/" + leadId)).read("$.contactId");
  }

  private long runningSequences(String... leadIds) {
    return List.of(leadIds).stream().mapToLong(leadId -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("lead-nurture").processInstanceBusinessKey(leadId).count()).sum();
  }

  private void awaitIntakeEnded(String leadId) {
    await().atMost(Duration.ofSeconds(20)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("lead-intake").processInstanceBusinessKey(leadId).finished().count() == 1);
  }

  private long welcomesLogged(String contactId) {
    return count("select count(*) from crm_message where contact_id = :id and template = 'welcome'", contactId);
  }

  private long count(String sql, String id) {
    return jdbc.sql(sql).param("id", id).query(Long.class).single();
  }

  private static void assertProblem(ResponseEntity<String> response, HttpStatus status) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  static String unique(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}
