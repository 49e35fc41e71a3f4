package io.crmflow.quote;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.lead.LeadQualification;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Quotes end to end through HTTP, with the job executor and a real SMTP server. */
@ApiTest
class QuoteApiTest {

  /** 5 × 200.00 + 1 × 250.00 = 1250.00 before the discount. */
  private static final String QUOTE = """
      {"lineItems": [{"product": "Support plan", "quantity": 5, "unitPrice": 200.00},
                     {"product": "Onboarding workshop", "quantity": 1, "unitPrice": 250}],
       "discountPercent": %s}""";

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired OpportunityService opportunityService;
  @Autowired LeadQualification leadQualification;

  private String customerEmail;
  private String opportunityId;

  @BeforeEach
  void openOpportunity() throws Exception {
    TestSmtp.purge();
    customerEmail = "ada." + UUID.randomUUID() + "@example.org";
    ResponseEntity<String> lead = api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "%s", "company": "Engines Ltd"}""".formatted(customerEmail));
    String leadId = json(lead).read("$.leadId");
    opportunityId = leadQualification.qualify(leadId, "sam").id();
  }

  @Test
  void shouldCreateAQuoteSendItAndWinTheOpportunityWhenTheCustomerAccepts() throws Exception {
    ResponseEntity<String> created = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes",
        QUOTE.formatted("5"));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String quoteId = json(created).read("$.id");
    assertThat(created.getHeaders().getLocation()).hasToString("/api/quotes/" + quoteId);
    assertThat((String) json(created).read("$.owner")).isEqualTo("sam");
    assertThat((Double) json(created).read("$.total")).isEqualTo(1187.5);
    assertThat((Double) json(created).read("$.discountAmount")).isEqualTo(62.5);

    awaitCustomerAnswer(quoteId);
    MimeMessage quoteMail = awaitMailTo(customerEmail, "Your quote " + quoteId);
    assertThat(quoteMail.getMessageID()).contains("Task.SendQuote");

    ResponseEntity<String> quote = api.get("sam", "/api/quotes/" + quoteId);
    assertThat(quote.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(quote).read("$.status")).isEqualTo("SENT");
    assertThat((List<String>) json(quote).read("$.lineItems[*].product"))
        .containsExactly("Support plan", "Onboarding workshop");
    assertThat((String) json(quote).read("$.validUntil")).isNotBlank();
    assertThat((List<String>) json(quote).read("$.timeline[*].activityId"))
        .containsSubsequence("StartEvent_QuoteRequested", "Task_DetermineApprovalLevel", "Task_MarkQuoteSent",
            "Task_SendQuote");
    assertThat((List<String>) json(api.get("sam", "/api/opportunities/" + opportunityId + "/quotes"))
        .read("$[*].id")).containsExactly(quoteId);

    ResponseEntity<String> accepted = api.post("webform", "/api/quotes/" + quoteId + "/acceptance",
        """
        {"accepted": true}""");
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(accepted).read("$.status")).isEqualTo("ACCEPTED");
    assertThat((String) json(api.get("sam", "/api/opportunities/" + opportunityId)).read("$.status"))
        .isEqualTo("WON");
    MimeMessage couponMail = awaitMailTo(customerEmail, "Thank you for your order: your coupon");
    String code = jdbc.sql("select code from crm_coupon where quote_id = :id").param("id", quoteId)
        .query(String.class).single();
    assertThat(couponMail.getContent().toString()).isNotNull();
    assertThat(QuoteApprovalProcessTest.parts(couponMail).get("text/plain")).contains(code);

    ResponseEntity<String> again = api.post("webform", "/api/quotes/" + quoteId + "/acceptance", """
        {"accepted": true}""");
    assertProblem(again, HttpStatus.CONFLICT);
  }

  /**
   * Issue 16 item 1: the customer accepts the moment the quote email arrives. Before, "Send quote"
   * continued asynchronously, so the answer came before the process waited for it: 409.
   */
  @org.junit.jupiter.api.RepeatedTest(5)
  void shouldLetTheCustomerAcceptAQuoteTheMomentItsEmailArrives() {
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("5")))
        .read("$.id");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
        .until(() -> TestSmtp.messagesTo(customerEmail).stream().anyMatch(m -> subjectOf(m).contains(quoteId)));

    ResponseEntity<String> accepted = api.post("webform", "/api/quotes/" + quoteId + "/acceptance",
        "{\"accepted\": true}");

    assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(accepted).read("$.status")).isEqualTo("ACCEPTED");
  }

  /** Issue 16 item 13: the coupon email says it can be used once; now it can. Failed before: no such endpoint (403). */
  @Test
  void shouldRedeemACouponOnceAndRefuseUnknownUsedAndExpiredCodes() throws Exception {
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("5")))
        .read("$.id");
    awaitCustomerAnswer(quoteId);
    api.post("webform", "/api/quotes/" + quoteId + "/acceptance", "{\"accepted\": true}");
    String code = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "select code from crm_coupon where quote_id = :id").param("id", quoteId).query(String.class).optional(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat((String) json(api.get("sam", "/api/quotes/" + quoteId)).read("$.contactId"))
        .satisfies(contactId -> assertThat((String) json(api.get("sam", "/api/contacts/" + contactId))
            .read("$.lifecycleStage")).as("an accepted quote makes a customer").isEqualTo("customer"));

    jdbc.sql("update crm_coupon set expires_at = :past where code = :code")
        .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60))).param("code", code).update();
    ResponseEntity<String> expired = api.post("webform", "/api/coupons/" + code + "/redemption", null);
    assertProblem(expired, HttpStatus.CONFLICT);
    assertThat(expired.getBody()).contains("expired");
    jdbc.sql("update crm_coupon set expires_at = :future where code = :code")
        .param("future", java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(3600))).param("code", code)
        .update();

    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<ResponseEntity<String>>> racing = pool.invokeAll(List.of(
        () -> api.post("webform", "/api/coupons/" + code.toLowerCase() + "/redemption", null),
        () -> api.post("sam", "/api/coupons/" + code + "/redemption", null)));
    pool.shutdown();
    List<ResponseEntity<String>> answers = List.of(racing.get(0).get(), racing.get(1).get());
    assertThat(answers).extracting(ResponseEntity::getStatusCode)
        .containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
    ResponseEntity<String> redeemed = answers.stream().filter(a -> a.getStatusCode() == HttpStatus.OK).findFirst()
        .orElseThrow();
    assertThat((String) json(redeemed).read("$.code")).isEqualTo(code);
    assertThat((Double) json(redeemed).read("$.discountPercent")).isEqualTo(5.0);
    assertThat((String) json(redeemed).read("$.expiresAt")).isNotBlank();
    assertThat(answers.stream().filter(a -> a.getStatusCode() == HttpStatus.CONFLICT).findFirst().orElseThrow()
        .getBody()).contains("redeemed");
    assertProblem(api.post("webform", "/api/coupons/NOSUCHCOUPON0000000/redemption", null), HttpStatus.NOT_FOUND);
    assertThat(jdbc.sql("select count(*) from crm_audit where action = 'coupon.redeemed' and record_id = :id")
        .param("id", quoteId).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void shouldLetAManagerApproveInTasklistAndLoseTheOpportunityWhenTheCustomerDeclines() {
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("15")))
        .read("$.id");
    String processInstanceId = json(api.get("sam", "/api/quotes/" + quoteId)).read("$.processInstanceId");
    String tasks = "/engine-rest/task?maxResults=50&processInstanceId=" + processInstanceId;

    List<String> miaSees = json(api.get("mia", tasks)).read("$[*].id");
    assertThat(miaSees).hasSize(1);
    assertThat((List<?>) json(api.get("sam", tasks)).read("$")).as("sales do not approve").isEmpty();
    assertThat((List<?>) json(api.get("dan", tasks)).read("$")).as("directors supervise").hasSize(1);
    String taskId = miaSees.get(0);
    assertThat(api.get("mia", "/engine-rest/task/" + taskId + "/deployed-form").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertProblem(api.post("webform", "/api/quotes/" + quoteId + "/acceptance", """
        {"accepted": true}"""), HttpStatus.CONFLICT);

    assertThat(api.post("mia", "/engine-rest/task/" + taskId + "/submit-form", """
        {"variables": {"approved": {"value": true}}}""").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    awaitCustomerAnswer(quoteId);

    ResponseEntity<String> declined = api.post("sam", "/api/quotes/" + quoteId + "/acceptance", """
        {"accepted": false}""");
    assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(declined).read("$.status")).isEqualTo("DECLINED");
    assertThat((String) json(api.get("sam", "/api/opportunities/" + opportunityId)).read("$.status"))
        .isEqualTo("LOST");
  }

  @Test
  void shouldRefuseToAcceptAnExpiredQuote() {
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("0")))
        .read("$.id");
    String processInstanceId = awaitCustomerAnswer(quoteId);

    // valid for 14 days: the quote expires while its reminder (3 days before) is still ahead
    managementService.executeJob(managementService.createJobQuery().processInstanceId(processInstanceId)
        .activityId(QuoteApprovalProcess.BOUNDARY_EXPIRED_WHILE_REMINDING).singleResult().getId());

    assertThat((String) json(api.get("sam", "/api/quotes/" + quoteId)).read("$.status")).isEqualTo("EXPIRED");
    ResponseEntity<String> accepted = api.post("webform", "/api/quotes/" + quoteId + "/acceptance", """
        {"accepted": true}""");
    assertProblem(accepted, HttpStatus.CONFLICT);
    assertThat((String) json(accepted).read("$.detail")).contains("EXPIRED");
    assertThat((String) json(api.get("sam", "/api/opportunities/" + opportunityId)).read("$.status"))
        .isEqualTo("LOST");
  }

  @Test
  void shouldRefuseASecondQuoteWhileOneIsInApprovalAndAnyForAClosedOpportunity() {
    assertThat(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("20"))
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    assertProblem(api.post("mia", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("5")),
        HttpStatus.CONFLICT);

    opportunityService.markLost(opportunityId);
    ResponseEntity<String> closed = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes",
        QUOTE.formatted("5"));
    assertProblem(closed, HttpStatus.CONFLICT);
    assertThat((String) json(closed).read("$.detail")).contains("LOST");
    assertThat(quotesOfOpportunity()).isEqualTo(1);
  }

  @Test
  void shouldOpenOneQuoteWhenTwoRequestsRace() throws Exception {
    List<CompletableFuture<ResponseEntity<String>>> racing = IntStream.range(0, 2)
        .mapToObj(i -> CompletableFuture.supplyAsync(() ->
            api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("20"))))
        .toList();

    List<HttpStatus> statuses = racing.stream().map(CompletableFuture::join)
        .map(response -> HttpStatus.valueOf(response.getStatusCode().value())).toList();

    assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.ACCEPTED, HttpStatus.CONFLICT);
    assertThat(quotesOfOpportunity()).isEqualTo(1);
  }

  @Test
  void shouldAnswerUnknownRecordsWith404() {
    assertProblem(api.post("sam", "/api/opportunities/" + UUID.randomUUID() + "/quotes", QUOTE.formatted("5")),
        HttpStatus.NOT_FOUND);
    assertProblem(api.get("sam", "/api/opportunities/" + UUID.randomUUID() + "/quotes"), HttpStatus.NOT_FOUND);
    assertProblem(api.get("sam", "/api/quotes/" + UUID.randomUUID()), HttpStatus.NOT_FOUND);
    assertProblem(api.post("webform", "/api/quotes/" + UUID.randomUUID() + "/acceptance", """
        {"accepted": true}"""), HttpStatus.NOT_FOUND);
  }

  @ParameterizedTest(name = "{0} is rejected naming {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"discountPercent\": 5}                                                                     | lineItems",
      "{\"lineItems\": [], \"discountPercent\": 5}                                                  | lineItems",
      "{\"lineItems\": [null], \"discountPercent\": 5}                                              | lineItems[0]",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 0, \"unitPrice\": 1}], \"discountPercent\": 5}   | lineItems[0].quantity",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1.5, \"unitPrice\": 1}], \"discountPercent\": 5} | lineItems[0].quantity",
      "{\"lineItems\": [{\"product\": \"A\", \"unitPrice\": 1}], \"discountPercent\": 5}                   | lineItems[0].quantity",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": -1}], \"discountPercent\": 5}  | lineItems[0].unitPrice",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": 1.005}], \"discountPercent\": 5} | lineItems[0].unitPrice",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": \"x\"}], \"discountPercent\": 5} | lineItems[0].unitPrice",
      "{\"lineItems\": [{\"product\": \" \", \"quantity\": 1, \"unitPrice\": 1}], \"discountPercent\": 5}  | lineItems[0].product",
      "{\"lineItems\": [{\"product\": \"A\\nB\", \"quantity\": 1, \"unitPrice\": 1}], \"discountPercent\": 5} | lineItems[0].product",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": 1}]}                          | discountPercent",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": 1}], \"discountPercent\": 100.01} | discountPercent",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": 1}], \"discountPercent\": -1}  | discountPercent",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": 1}], \"discountPercent\": 5, \"validityDays\": 0} | validityDays",
      "{\"lineItems\": [{\"product\": \"A\", \"quantity\": 1, \"unitPrice\": 1}], \"discountPercent\": 5, \"coupon\": 1} | coupon"})
  void shouldRejectInvalidQuotesNamingTheFieldAndStoreNothing(String body, String field) {
    ResponseEntity<String> response = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", body);

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(response).read("$.errors[*].field")).contains(field);
    assertThat(quotesOfOpportunity()).isZero();
  }

  /**
   * Issue 16 item 6: the largest quote with an Idempotency-Key, and its replay, answer the same quote.
   * Before, the stored answer overflowed its column, the request re-ran five times and answered 409.
   */
  @Test
  void shouldAnswerTheSameLargeQuoteToARepeatedIdempotencyKey() {
    String items = IntStream.range(0, QuoteRequest.MAX_ITEMS)
        .mapToObj(i -> "{\"product\": \"Service module %03d with a long descriptive name\", \"quantity\": %d, "
            .formatted(i, 1 + i % 7) + "\"unitPrice\": 19.99}")
        .collect(Collectors.joining(",", "{\"discountPercent\": 5, \"lineItems\": [", "]}"));
    Map<String, String> key = Map.of("Idempotency-Key", "large-quote-" + UUID.randomUUID());

    ResponseEntity<String> created = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", items, key);
    ResponseEntity<String> replayed = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", items, key);

    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(replayed.getStatusCode()).as(replayed.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat((String) json(replayed).read("$.id")).isEqualTo(json(created).read("$.id"));
    assertThat(replayed.getHeaders().getLocation()).isEqualTo(created.getHeaders().getLocation());
    assertThat((List<?>) json(replayed).read("$.lineItems")).hasSize(QuoteRequest.MAX_ITEMS);
    assertThat(quotesOfOpportunity()).isEqualTo(1);
  }

  @Test
  void shouldRejectTooManyItemsAndTooLongProducts() {
    String item = """
        {"product": "A", "quantity": 1, "unitPrice": 1}""";
    String tooMany = IntStream.range(0, QuoteRequest.MAX_ITEMS + 1).mapToObj(i -> item)
        .collect(Collectors.joining(",", "{\"discountPercent\": 5, \"lineItems\": [", "]}"));
    ResponseEntity<String> response = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", tooMany);
    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(response).read("$.errors[*].field")).contains("lineItems");

    ResponseEntity<String> longProduct = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"discountPercent": 5, "lineItems": [{"product": "%s", "quantity": 1, "unitPrice": 1}]}"""
        .formatted("x".repeat(201)));
    assertProblem(longProduct, HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(longProduct).read("$.errors[*].field")).contains("lineItems[0].product");
    assertThat(quotesOfOpportunity()).isZero();
  }

  @Test
  void shouldRequireTheCustomersAnswer() {
    ResponseEntity<String> response = api.post("webform", "/api/quotes/" + UUID.randomUUID() + "/acceptance", "{}");
    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(response).read("$.errors[*].field")).contains("accepted");
  }

  @ParameterizedTest(name = "{0} {1} without credentials is 401")
  @CsvSource({"POST, /api/opportunities/1/quotes", "GET, /api/opportunities/1/quotes", "GET, /api/quotes/1",
      "POST, /api/quotes/1/acceptance"})
  void shouldRequireAuthentication(HttpMethod method, String path) {
    ResponseEntity<String> response = api.exchange(null, method, path, method == HttpMethod.POST ? "{}" : null,
        Map.of());
    assertProblem(response, HttpStatus.UNAUTHORIZED);
  }

  @ParameterizedTest(name = "{0} may not {1} {2}")
  @CsvSource({"webform, POST, /api/opportunities/1/quotes", "dan, POST, /api/opportunities/1/quotes",
      "sue, POST, /api/opportunities/1/quotes", "webform, GET, /api/opportunities/1/quotes",
      "webform, GET, /api/quotes/1", "sue, GET, /api/quotes/1", "sue, POST, /api/quotes/1/acceptance",
      "dan, POST, /api/quotes/1/acceptance"})
  void shouldForbidWhatTheGroupMayNotDo(String user, HttpMethod method, String path) {
    ResponseEntity<String> response = api.exchange(user, method, path,
        method == HttpMethod.POST ? QUOTE.formatted("5") : null, Map.of());
    assertProblem(response, HttpStatus.FORBIDDEN);
  }

  @Test
  void shouldLetDirectorsReadQuotes() {
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", QUOTE.formatted("30")))
        .read("$.id");
    assertThat(api.get("dan", "/api/quotes/" + quoteId).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** Waits until the quote's email is sent and its approval waits for the customer; returns the instance id. */
  private String awaitCustomerAnswer(String quoteId) {
    String processInstanceId = json(api.get("sam", "/api/quotes/" + quoteId)).read("$.processInstanceId");
    await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createEventSubscriptionQuery()
        .processInstanceId(processInstanceId).eventName(QuoteApprovalProcess.MESSAGE_QUOTE_ACCEPTED).count() == 1);
    return processInstanceId;
  }

  private static MimeMessage awaitMailTo(String address, String subject) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.messagesTo(address).stream()
        .filter(message -> subjectOf(message).equals(subject)).findFirst().orElse(null), message -> message != null);
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long quotesOfOpportunity() {
    return jdbc.sql("select count(*) from crm_quote where opportunity_id = :id").param("id", opportunityId)
        .query(Long.class).single();
  }

  private static void assertProblem(ResponseEntity<String> response, HttpStatus status) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
