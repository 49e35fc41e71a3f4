package io.crmflow.web;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** GET /api/leads, /cases, /opportunities and /quotes: filters, text search, paging, sorting, bad parameters. */
@ApiTest
class RecordListApiTest {

  @Autowired Api api;

  @Test
  void shouldFilterSearchSortAndPageLeads() {
    String marker = "Listco " + UUID.randomUUID().toString().substring(0, 8);
    for (String name : List.of("Carla Hot", "Anna Hot", "Bert Hot")) {
      submit(name, marker, "\"source\": \"referral\", \"companySize\": 5000, \"budget\": 500000");
    }
    String coldEmail = submit("Dora Cold", marker, "\"source\": \"other\"");
    submit("Emil Cold", marker, "\"source\": \"other\"");
    String q = "&q=" + marker.replace(' ', '+');
    await().atMost(Duration.ofSeconds(30)).until(() -> total(api.get("sam", "/api/leads?status=IN_REVIEW,NURTURING"
        + q)) == 5);

    ResponseEntity<String> all = api.get("sam", "/api/leads?sort=name,asc" + q);
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(total(all)).isEqualTo(5);
    assertThat((List<String>) json(all).read("$[*].name"))
        .containsExactly("Anna Hot", "Bert Hot", "Carla Hot", "Dora Cold", "Emil Cold");
    assertThat(total(api.get("sam", "/api/leads?rating=hot" + q))).isEqualTo(3);
    assertThat((List<String>) json(api.get("sam", "/api/leads?status=nurturing&sort=name,desc" + q)).read("$[*].name"))
        .containsExactly("Emil Cold", "Dora Cold");
    assertThat((List<String>) json(api.get("sam", "/api/leads?source=other&q=" + coldEmail.substring(0, 12)))
        .read("$[*].email")).as("text search finds addresses").containsExactly(coldEmail);

    ResponseEntity<String> second = api.get("sam", "/api/leads?sort=name,asc&size=2&page=1" + q);
    assertThat((List<String>) json(second).read("$[*].name")).containsExactly("Carla Hot", "Dora Cold");
    assertThat(second.getHeaders().getFirst("Link")).contains("rel=\"prev\"", "rel=\"next\"", "page=2", "page=0");
    assertThat((List<?>) json(api.get("sam", "/api/leads?size=2&page=7" + q)).read("$")).isEmpty();
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource({
      "/api/leads?status=SLEEPING, status", "/api/leads?rating=tepid, rating", "/api/leads?source=tv, source",
      "/api/leads?size=0, size", "/api/leads?size=101, size", "/api/leads?page=-1, page", "/api/leads?page=x, page",
      "/api/leads?sort=shoeSize, sort", "/api/leads?sort=name;drop, sort", "'/api/leads?sort=name,up', sort",
      "/api/cases?status=LOST, status", "/api/cases?priority=whenever, priority", "/api/cases?category=music, category",
      "/api/opportunities?status=MAYBE, status", "/api/opportunities?size=5&limit=5, limit",
      "/api/quotes?status=FREE, status", "'/api/quotes?sort=total,sideways', sort"})
  void shouldRejectABadParameterNamingIt(String path, String field) {
    String user = path.startsWith("/api/cases") ? "sue" : "sam";
    ResponseEntity<String> response = api.get(user, path);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) json(response).read("$.errors[0].field")).isEqualTo(field);
  }

  @Test
  void shouldFilterAndSearchCases() {
    String marker = "Gizmo" + UUID.randomUUID().toString().substring(0, 8);
    for (String subject : List.of(marker + " broke", marker + " is slow")) {
      assertThat(api.post("webform", "/api/cases", """
          {"customerEmail": "%s", "subject": "%s", "description": "Please help", "category": "technical"}"""
          .formatted("case." + UUID.randomUUID() + "@example.org", subject)).getStatusCode())
          .isEqualTo(HttpStatus.ACCEPTED);
    }

    ResponseEntity<String> found = api.get("sue", "/api/cases?sort=caseNumber,asc&q=" + marker);
    assertThat(total(found)).isEqualTo(2);
    assertThat((List<String>) json(found).read("$[*].subject")).containsExactly(marker + " broke", marker + " is slow");
    assertThat(found.getBody()).as("lists leave the texts out").doesNotContain("Please help");
    assertThat(total(api.get("sue", "/api/cases?category=technical&q=" + marker))).isEqualTo(2);
    assertThat(total(api.get("sue", "/api/cases?status=CLOSED&q=" + marker))).isZero();
  }

  @Test
  void shouldKeepTheOpportunityLeadFilterAndSearchByPerson() {
    String marker = "Oppco" + UUID.randomUUID().toString().substring(0, 8);
    String email = submit("Olga Opportunity", marker, "\"source\": \"referral\", \"companySize\": 5000, "
        + "\"budget\": 500000");
    String leadId = json(api.get("sam", "/api/contacts/" + email)).read("$.leads[0].id");
    String intake = json(api.get("sam", "/api/leads/" + leadId)).read("$.processInstanceId");
    String task = await().atMost(Duration.ofSeconds(30)).until(() -> (List<String>) json(api.get("sam",
        "/engine-rest/task?maxResults=10&processInstanceId=" + intake)).read("$[*].id"), ids -> ids.size() == 1).get(0);
    api.post("sam", "/engine-rest/task/" + task + "/claim", "{\"userId\": \"sam\"}");
    api.post("sam", "/engine-rest/task/" + task + "/complete", "{\"variables\": {\"qualified\": {\"value\": true}}}");

    await().atMost(Duration.ofSeconds(30)).until(() -> total(api.get("sam", "/api/opportunities?leadId=" + leadId)) == 1);
    ResponseEntity<String> byPerson = api.get("sam", "/api/opportunities?status=OPEN&q=" + marker);
    assertThat((List<String>) json(byPerson).read("$[*].leadId")).containsExactly(leadId);
    assertThat((List<String>) json(byPerson).read("$[*].name")).containsExactly("Olga Opportunity");
    assertThat((List<String>) json(byPerson).read("$[*].company")).containsExactly(marker);
    assertThat(total(api.get("sam", "/api/quotes?q=" + marker))).as("no quote yet").isZero();
  }

  private String submit(String name, String company, String facts) {
    String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org";
    assertThat(api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "company": "%s", %s}""".formatted(name, email, company, facts))
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return email;
  }

  private static long total(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return Long.parseLong(response.getHeaders().getFirst(Page.TOTAL_COUNT_HEADER));
  }
}
