package io.crmflow.workspace;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.lead.LeadIntakeProcess;
import io.crmflow.lead.LeadQualification;
import io.crmflow.quote.QuoteApprovalProcess;
import io.crmflow.security.CrmGroups;
import io.crmflow.supportcase.SupportCaseProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.WebappSession;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace's pages over HTTP with a Camunda webapp login, as a browser gets them: who may see
 * which page (the same groups as the API), what a record page and a list show, and the pages for an
 * unknown record, a bad filter and a missing login.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspacePagesTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final List<String> USERS = List.of("sam", "mia", "dan", "sue", "lea", "admin");

  @LocalServerPort int port;
  @Autowired Api api;
  @Autowired TaskService taskService;
  @Autowired LeadQualification leadQualification;

  private final Map<String, WebappSession> sessions = new LinkedHashMap<>();
  private String run;
  private String leadId;
  private String contactId;
  private String caseId;
  private String opportunityId;
  private String quoteId;

  @BeforeAll
  void createRecordsAndLogIn() throws Exception {
    run = UUID.randomUUID().toString().substring(0, 8);
    var lead = json(api.post("webform", "/api/leads", """
        {"name": "Ada %s", "email": "ada.%s@example.org", "company": "Engines %s", "phone": "+44 20 7946 0958",
         "source": "referral", "companySize": 1200, "budget": 150000}""".formatted(run, run, run)));
    leadId = lead.read("$.leadId");
    contactId = lead.read("$.contactId");
    awaitTask(leadId, LeadIntakeProcess.TASK_REVIEW_LEAD);

    caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "grace.%s@example.org", "customerName": "Grace %s", "subject": "Export fails %s",
         "description": "The export stops at 80 %%.", "category": "technical"}""".formatted(run, run, run)))
        .read("$.caseId");
    awaitTask(caseId, SupportCaseProcess.TASK_HANDLE_CASE);
    api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "First reply %s"}""".formatted(run));
    api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "Latest reply <b>%s</b>"}""".formatted(run));

    String quoteLeadId = json(api.post("webform", "/api/leads", """
        {"name": "Quentin %s", "email": "quentin.%s@example.org", "company": "Quotes %s"}"""
        .formatted(run, run, run))).read("$.leadId");
    opportunityId = leadQualification.qualify(quoteLeadId, "sam").id();
    quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"lineItems": [{"product": "Support plan", "quantity": 5, "unitPrice": 200.00},
                       {"product": "Onboarding workshop", "quantity": 1, "unitPrice": 250}],
         "discountPercent": 15}""")).read("$.id");
    awaitTask(quoteId, QuoteApprovalProcess.TASK_APPROVE_BY_MANAGER);

    for (String user : USERS) {
      sessions.put(user, WebappSession.login(port, user));
    }
  }

  @Test
  void shouldShowEachPageToTheGroupsThatMayReadItsRecordsAndTellOthersTheyAreNotAllowed() throws Exception {
    Map<String, List<String>> readersByPage = new LinkedHashMap<>();
    readersByPage.put("/app/leads", CrmGroups.LEAD_READERS);
    readersByPage.put("/app/leads/" + leadId, CrmGroups.LEAD_READERS);
    readersByPage.put("/app/opportunities", CrmGroups.OPPORTUNITY_READERS);
    readersByPage.put("/app/opportunities/" + opportunityId, CrmGroups.OPPORTUNITY_READERS);
    readersByPage.put("/app/quotes", CrmGroups.QUOTE_READERS);
    readersByPage.put("/app/quotes/" + quoteId, CrmGroups.QUOTE_READERS);
    readersByPage.put("/app/cases", CrmGroups.CASE_READERS);
    readersByPage.put("/app/cases/" + caseId, CrmGroups.CASE_READERS);
    readersByPage.put("/app/contacts/" + contactId, CrmGroups.CONTACT_READERS);
    List<String> checked = new ArrayList<>();
    for (var page : readersByPage.entrySet()) {
      for (String user : USERS) {
        boolean reader = page.getValue().stream().anyMatch(groupsOf(user)::contains);
        HttpResponse<String> response = sessions.get(user).page(page.getKey());
        Document html = Jsoup.parse(response.body());
        if (reader) {
          assertThat(response.statusCode()).as("%s for %s", page.getKey(), user).isEqualTo(200);
          assertThat(html.selectFirst("h1")).as("%s for %s", page.getKey(), user).isNotNull();
        } else {
          assertThat(response.statusCode()).as("%s for %s", page.getKey(), user).isEqualTo(403);
          assertThat(html.select("[data-state=forbidden] .notice").text()).as("%s for %s", page.getKey(), user)
              .isEqualTo(page.getKey().chars().filter(c -> c == '/').count() == 3
                  ? "You are not allowed to see this record." : "You are not allowed to see these records.");
          assertThat(response.body()).doesNotContain(run);
          assertThat(html.select(".site-header .user").text()).as("the page still says who is logged in").isNotBlank();
        }
        checked.add(page.getKey() + " " + user);
      }
    }
    assertThat(checked).hasSize(readersByPage.size() * USERS.size());
  }

  @Test
  void shouldSendAVisitorWithoutLoginToTheLoginPageAndBackToThePageAskedFor() throws Exception {
    WebappSession visitor = WebappSession.anonymous(port);
    String page = "/app/leads?status=IN_REVIEW&q=" + run;

    HttpResponse<String> response = visitor.page(page);

    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).contains("/app/login?next=");
    assertThat(URLDecoder.decode(location.substring(location.indexOf("next=") + 5), StandardCharsets.UTF_8))
        .isEqualTo(page);

    HttpResponse<String> login = visitor.page("/app/login?next=" + java.net.URLEncoder.encode(page,
        StandardCharsets.UTF_8));
    assertThat(login.statusCode()).isEqualTo(200);
    Document html = Jsoup.parse(login.body());
    Element form = html.getElementById("login");
    assertThat(form.attr("data-auth")).isEqualTo("/camunda/api/admin/auth/user/default");
    assertThat(form.attr("data-next")).isEqualTo(page);
    for (Element input : form.select("input")) {
      assertThat(html.select("label[for=" + input.id() + "]")).as("label of %s", input.id()).hasSize(1);
    }
    assertThat(html.select("nav[aria-label=Workspace]")).as("no navigation before logging in").isEmpty();
  }

  @Test
  void shouldNeverSendTheLoginPageOnToAnotherSite() throws Exception {
    WebappSession visitor = WebappSession.anonymous(port);
    for (String next : List.of("https://evil.example/app", "//evil.example/app", "/app//evil.example", "/camunda/x",
        "/app\\..\\x")) {
      Document html = Jsoup.parse(visitor.page("/app/login?next=" + java.net.URLEncoder.encode(next,
          StandardCharsets.UTF_8)).body());
      assertThat(html.getElementById("login").attr("data-next")).as(next).isEqualTo("/app");
    }
    HttpResponse<String> loggedIn = sessions.get("sam").page("/app/login?next=%2Fapp%2Fcases%3Fq%3D%7Bx%7D");
    assertThat(loggedIn.statusCode()).as("already logged in: on to the page").isEqualTo(302);
    assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).endsWith("/app/cases?q={x}")
        .doesNotContain("Csrf");
  }

  @Test
  void shouldShowTheLeadWithItsOpenTaskAndProcess() throws Exception {
    Document sam = html(sessions.get("sam").page("/app/leads/" + leadId));

    assertThat(field(sam, "name")).isEqualTo("Ada " + run);
    assertThat(field(sam, "company")).isEqualTo("Engines " + run);
    assertThat(field(sam, "email")).isEqualTo("ada." + run + "@example.org");
    assertThat(field(sam, "phone")).isEqualTo("+442079460958");
    assertThat(field(sam, "source")).isEqualTo("referral");
    assertThat(field(sam, "companySize")).isEqualTo("1,200");
    assertThat(field(sam, "budget")).isEqualTo("150,000.00");
    assertThat(field(sam, "rating")).isEqualTo("hot");
    assertThat(field(sam, "status")).isEqualTo("in review");
    assertThat(sam.select("[data-field=submission]")).hasSize(1);
    assertThat(sam.select("[data-field=timeline] li").text()).contains("Score lead", "Review lead");
    Task review = taskService.createTaskQuery().processInstanceBusinessKey(leadId).singleResult();
    Element task = sam.selectFirst("[data-field=tasks] a[data-task]");
    assertThat(task.text()).isEqualTo("Review lead");
    assertThat(task.attr("href")).isEqualTo("/camunda/app/tasklist/default/#/?task=" + review.getId());
    assertThat(sam.select("[data-field=processes] li").text()).contains("Lead intake");
    assertThat(sam.select("a[data-cockpit]")).as("Cockpit is for Camunda's admins").isEmpty();
    assertThat(sam.select("a[href=/app/contacts/" + contactId + "]")).hasSize(1);

    Document admin = html(sessions.get("admin").page("/app/leads/" + leadId));
    assertThat(admin.selectFirst("a[data-cockpit]").attr("href"))
        .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + review.getProcessInstanceId());
    assertThat(admin.select(".site-header nav a").eachText()).contains("Cockpit", "Dashboard", "Leads", "Cases");
    assertThat(sam.select(".site-header nav a").eachText()).containsExactly("Leads", "Opportunities", "Quotes",
        "Tasklist");
  }

  @Test
  void shouldShowTheCaseWithTheLatestReplyFirst() throws Exception {
    Document sue = html(sessions.get("sue").page("/app/cases/" + caseId));

    assertThat(field(sue, "customer")).isEqualTo("Grace " + run + " <grace." + run + "@example.org>");
    assertThat(field(sue, "description")).isEqualTo("The export stops at 80 %.");
    assertThat(field(sue, "priority")).isEqualTo("high");
    assertThat(sue.select("[data-field=reply] .text").eachText()).as("newest first, HTML as text")
        .containsExactly("Latest reply <b>" + run + "</b>", "First reply " + run);
    assertThat(sue.select("[data-field=tasks] a[data-task]").eachText()).containsExactly("Handle case");
  }

  @Test
  void shouldShowTheQuotesLinesTotalsAndApprovalHistory() throws Exception {
    Document mia = html(sessions.get("mia").page("/app/quotes/" + quoteId));

    assertThat(mia.select("[data-field=line]").eachText())
        .containsExactly("Support plan 5 200.00 1,000.00", "Onboarding workshop 1 250.00 250.00");
    assertThat(field(mia, "subtotal")).isEqualTo("1,250.00");
    assertThat(field(mia, "discount")).isEqualTo("15.00 % (187.50)");
    assertThat(field(mia, "total")).isEqualTo("1,062.50");
    assertThat(field(mia, "status")).isEqualTo("in approval");
    assertThat(mia.select("#timeline-title").text()).isEqualTo("Approval history");
    assertThat(mia.select("[data-field=tasks] a[data-task]").eachText()).containsExactly("Approve quote (manager)");

    Document sam = html(sessions.get("sam").page("/app/opportunities/" + opportunityId));
    assertThat(field(sam, "owner")).isEqualTo("sam");
    assertThat(sam.select("[data-field=quote] a").attr("href")).isEqualTo("/app/quotes/" + quoteId);
  }

  @Test
  void shouldShowEachReaderTheSectionsOfTheContactTheirGroupsMayRead() throws Exception {
    String caseContactId = json(api.get("sue", "/api/cases/" + caseId)).read("$.contactId");

    Document sue = html(sessions.get("sue").page("/app/contacts/" + caseContactId));
    assertThat(field(sue, "name")).isEqualTo("Grace " + run);
    assertThat(sue.select("[data-field=case] a").attr("href")).isEqualTo("/app/cases/" + caseId);
    assertThat(sue.select("#leads-title")).isEmpty();

    Document sam = html(sessions.get("sam").page("/app/contacts/" + contactId));
    assertThat(field(sam, "lifecycleStage")).isEqualTo("lead");
    assertThat(sam.select("[data-field=lead] a").attr("href")).isEqualTo("/app/leads/" + leadId);
    assertThat(sam.select("#cases-title")).isEmpty();
  }

  @Test
  void shouldFilterSortAndPageTheLeadsAsTheLinksSay() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    for (String name : List.of("Carla", "Anna", "Bert", "Dora", "Emil")) {
      api.post("webform", "/api/leads", """
          {"name": "%s %s", "email": "%s.%s@example.org", "company": "Listed %s"}"""
          .formatted(name, tag, name.toLowerCase(), tag, tag));
    }
    WebappSession mia = sessions.get("mia");

    Document first = html(mia.page("/app/leads?q=" + tag + "&sort=name,asc&size=2"));
    assertThat(names(first)).containsExactly("Anna " + tag, "Bert " + tag);
    assertThat(first.select(".pager .count").text()).isEqualTo("5 leads · page 1 of 3");
    assertThat(first.getElementById("q").val()).isEqualTo(tag);
    assertThat(first.select("th[aria-sort=ascending] a").text()).isEqualTo("Name");
    String next = first.selectFirst(".pager a[rel=next]").attr("href");
    assertThat(next).contains("q=" + tag, "sort=name%2Casc", "size=2", "page=1");

    Document second = html(mia.page(next));
    assertThat(names(second)).containsExactly("Carla " + tag, "Dora " + tag);
    assertThat(second.select(".pager .count").text()).isEqualTo("5 leads · page 2 of 3");

    String descending = second.select("th[aria-sort=ascending] a").attr("href");
    assertThat(descending).contains("sort=name%2Cdesc").doesNotContain("page=");
    assertThat(names(html(mia.page(descending)))).containsExactly("Emil " + tag, "Dora " + tag);

    Document beyond = html(mia.page("/app/leads?q=" + tag + "&size=2&page=7"));
    assertThat(beyond.select("tbody tr")).isEmpty();
    assertThat(beyond.select(".pager .count").text()).as("past the last page, still the whole count")
        .startsWith("5 leads");
    assertThat(beyond.select(".pager a").eachText()).containsExactly("First", "Previous");

    Document filtered = html(mia.page("/app/leads?q=" + tag + "&status=NEW,IN_REVIEW&rating=cold"));
    assertThat(filtered.select("input[name=status][checked]").eachAttr("value")).containsExactly("NEW", "IN_REVIEW");
    assertThat(filtered.select("input[name=rating][checked]").eachAttr("value")).containsExactly("cold");
    assertThat(filtered.select("tbody tr")).allSatisfy(row -> assertThat(row.select("td[data-label=Status]").text())
        .isIn("new", "in review"));
  }

  @Test
  void shouldNameTheParameterOfABadFilter() throws Exception {
    Map<String, String> parameterByPage = Map.of(
        "/app/leads?status=BOGUS", "status",
        "/app/leads?sort=shoeSize", "sort",
        "/app/cases?priority=whenever", "priority",
        "/app/opportunities?page=-1", "page",
        "/app/quotes?size=1000", "size");
    for (var bad : parameterByPage.entrySet()) {
      WebappSession session = sessions.get(bad.getKey().startsWith("/app/cases") ? "lea" : "admin");
      HttpResponse<String> response = session.page(bad.getKey());
      assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
      Document html = Jsoup.parse(response.body());
      assertThat(html.select("[data-field=error]").eachAttr("data-parameter")).as(bad.getKey())
          .containsExactly(bad.getValue());
      assertThat(html.select("[data-field=error]").text()).startsWith("The filter " + bad.getValue());
    }
  }

  @Test
  void shouldAnswerAnUnknownRecordOrPageWithNotFound() throws Exception {
    WebappSession admin = sessions.get("admin");
    for (String page : List.of("/app/leads/" + UUID.randomUUID(), "/app/cases/no-such-case",
        "/app/quotes/" + UUID.randomUUID(), "/app/opportunities/" + UUID.randomUUID(),
        "/app/contacts/" + UUID.randomUUID(), "/app/nothing-here", "/app/leads/" + leadId + "/more")) {
      HttpResponse<String> response = admin.page(page);
      assertThat(response.statusCode()).as(page).isEqualTo(404);
      assertThat(Jsoup.parse(response.body()).select("h1").text()).as(page).isEqualTo("Not found");
    }
  }

  @Test
  void shouldStartSalesAndSupportWithTheirOwnLists() throws Exception {
    Document sam = html(sessions.get("sam").page("/app"));
    assertThat(sam.select("h2").eachText()).containsExactly("Leads waiting for review", "Your open opportunities",
        "Quotes in approval");

    Document sue = html(sessions.get("sue").page("/app"));
    assertThat(sue.select("h2").eachText()).containsExactly("Cases not yet resolved");
    assertThat(sue.select(".site-header nav a").eachText()).containsExactly("Cases", "Tasklist");
  }

  /** The header links managers to the dashboard: it opens with the same login, no Basic dialog. */
  @Test
  void shouldOpenTheDashboardWithTheWebappLogin() throws Exception {
    WebappSession mia = sessions.get("mia");
    assertThat(mia.page("/dashboard/").statusCode()).isEqualTo(200);
    assertThat(mia.get("/api/metrics/workflows").statusCode()).isEqualTo(200);
    assertThat(html(mia.page("/app")).select(".site-header nav a").eachText()).contains("Dashboard");

    HttpResponse<String> sam = sessions.get("sam").page("/dashboard/");
    assertThat(sam.statusCode()).as("not a manager").isEqualTo(403);
    assertThat(html(sessions.get("sam").page("/app")).select(".site-header nav a").eachText())
        .doesNotContain("Dashboard");
  }

  @Test
  void shouldServeTheStylesheetToAnyoneAndNoMailTemplateAsAPage() throws Exception {
    WebappSession visitor = WebappSession.anonymous(port);
    HttpResponse<String> css = visitor.page("/app/app.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    assertThat(visitor.page("/app/app.js").statusCode()).isEqualTo(200);

    for (String path : List.of("/mail/welcome_en", "/templates/mail/welcome_en.html", "/welcome_en",
        "/app/../mail/welcome_en")) {
      HttpResponse<String> response = sessions.get("admin").page(path);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(response.body()).as(path).doesNotContain("unsubscribe");
    }
  }

  private static Document html(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
    return Jsoup.parse(response.body());
  }

  private static String field(Document page, String key) {
    Element field = page.selectFirst("[data-field=" + key + "]");
    assertThat(field).as(key).isNotNull();
    return field.hasClass("text") ? field.wholeText() : field.text();
  }

  private static List<String> names(Document page) {
    return page.select("tbody td[data-label=Name]").eachText();
  }

  private static List<String> groupsOf(String user) {
    return switch (user) {
      case "sam" -> List.of(CrmGroups.SALES);
      case "mia" -> List.of(CrmGroups.SALES_MANAGERS);
      case "dan" -> List.of(CrmGroups.SALES_DIRECTORS);
      case "sue" -> List.of(CrmGroups.SUPPORT);
      case "lea" -> List.of(CrmGroups.SUPPORT_LEADS);
      case "admin" -> List.of(CrmGroups.ADMINS, CrmGroups.CRM_ADMINS);
      default -> throw new IllegalArgumentException(user);
    };
  }

  private Task awaitTask(String businessKey, String taskDefinitionKey) {
    return await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(taskDefinitionKey).singleResult(), task -> task != null);
  }
}
