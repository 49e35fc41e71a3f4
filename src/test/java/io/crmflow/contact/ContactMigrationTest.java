package io.crmflow.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.PostgresTestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration to contacts (V10–V12) on a database as the previous release left it: leads and cases
 * that share an address, written differently, become one contact with every row attached, the newest
 * details winning; erased rows stay apart; staff messages lose their stored model. H2, and PostgreSQL
 * in the PostgreSQL suite.
 */
class ContactMigrationTest {

  private static final Timestamp MONDAY = Timestamp.from(Instant.parse("2026-11-02T09:00:00Z"));
  private static final Timestamp TUESDAY = Timestamp.from(Instant.parse("2026-11-03T09:00:00Z"));
  private static final Timestamp FRIDAY = Timestamp.from(Instant.parse("2026-11-06T09:00:00Z"));

  @Test
  void shouldMergeThePeopleBehindLeadsAndCasesIntoOneContactEach() {
    DataSource dataSource = database();
    migrate(dataSource, "9");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    lead(jdbc, "lead-1", "Ada", "Ada@Example.org", null, "en", true, "NURTURING", MONDAY);
    lead(jdbc, "lead-2", "Ada Lovelace", " ada@example.org", "Engines Ltd", "zh-CN", false, "QUALIFIED", TUESDAY);
    lead(jdbc, "lead-3", "(erased)", "(erased)", null, "en", false, "DISQUALIFIED", MONDAY);
    jdbc.sql("insert into crm_opportunity (id, lead_id, owner, status, created_at) values ('opp-1', 'lead-2', 'sam', "
        + "'WON', :at)").param("at", TUESDAY).update();
    jdbc.sql("""
        insert into crm_quote (id, opportunity_id, lead_id, owner, status, subtotal, discount_percent, discount_amount,
          total, created_at, updated_at)
        values ('quote-1', 'opp-1', 'lead-2', 'sam', 'ACCEPTED', 100, 0, 0, 100, :at, :accepted)""")
        .param("at", TUESDAY).param("accepted", FRIDAY).update();
    jdbc.sql("""
        insert into crm_case (id, case_number, customer_email, customer_name, subject, description, category, status,
          created_at, updated_at)
        values ('case-1', 'CASE-000001', 'ADA@example.org', 'A. Lovelace', 'Invoice', 'Wrong VAT', 'BILLING', 'OPEN',
          :at, :at)""").param("at", FRIDAY).update();
    message(jdbc, "welcome", "lead", "lead-1", "SENT", "{\"name\":\"Ada\"}", MONDAY);
    message(jdbc, "opportunity-assigned", "user", "sam", "SENT", "{\"leadName\":\"Ada Lovelace\"}", TUESDAY);

    migrate(dataSource, null);

    List<Map<String, Object>> contacts = jdbc.sql("select * from crm_contact order by created_at, erased_at")
        .query().listOfRows();
    assertThat(contacts).hasSize(2);
    Map<String, Object> ada = contacts.stream().filter(row -> row.get("erased_at") == null).findFirst().orElseThrow();
    String adaId = (String) ada.get("id");
    assertThat(ada).containsEntry("name", "Ada Lovelace").containsEntry("company", "Engines Ltd")
        .containsEntry("locale", "zh-CN").containsEntry("email", "Ada@Example.org")
        .containsEntry("marketing_consent", false).containsEntry("lifecycle_stage", "CUSTOMER");
    assertThat(jdbc.sql("select customer_at from crm_contact where id = :id").param("id", adaId)
        .query(Timestamp.class).single().toInstant()).isEqualTo(FRIDAY.toInstant());
    assertThat(jdbc.sql("select welcomed_at from crm_contact where id = :id").param("id", adaId)
        .query(Timestamp.class).single().toInstant()).isEqualTo(MONDAY.toInstant());
    assertThat(jdbc.sql("select email_normalized from crm_contact_address where contact_id = :id").param("id", adaId)
        .query(String.class).list()).containsExactly("ada@example.org");
    for (String table : List.of("crm_lead where id in ('lead-1', 'lead-2')", "crm_opportunity", "crm_quote",
        "crm_case")) {
      assertThat(jdbc.sql("select distinct contact_id from " + table).query(String.class).list()).as(table)
          .containsExactly(adaId);
    }
    assertThat(jdbc.sql("select channel from crm_contact_submission where contact_id = :id order by submitted_at")
        .param("id", adaId).query(String.class).list()).containsExactly("api", "api", "case");
    assertThat(jdbc.sql("select contact_id from crm_lead where id = 'lead-3'").query(String.class).single())
        .as("an erased lead stays an erased person of its own").isNotEqualTo(adaId);
    assertThat(jdbc.sql("select contact_id, model_json from crm_message order by created_at").query().listOfRows())
        .extracting(row -> row.get("contact_id"), row -> row.get("model_json"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(adaId, null), org.assertj.core.groups.Tuple.tuple(null,
            null));
  }

  private static void lead(JdbcClient jdbc, String id, String name, String email, String company, String locale,
      boolean consent, String status, Timestamp at) {
    jdbc.sql("""
        insert into crm_lead (id, name, email, email_normalized, company, locale, marketing_consent, status,
          source, created_at, updated_at)
        values (:id, :name, :email, :normalized, :company, :locale, :consent, :status, 'WEBINAR', :at, :at)""")
        .param("id", id).param("name", name).param("email", email)
        .param("normalized", email.trim().toLowerCase()).param("company", company).param("locale", locale)
        .param("consent", consent).param("status", status).param("at", at).update();
  }

  private static void message(JdbcClient jdbc, String template, String recordType, String recordId, String status,
      String model, Timestamp at) {
    jdbc.sql("""
        insert into crm_message (id, message_key, channel, template, category, locale, recipient_kind, recipient,
          record_type, record_id, status, attempts, model_json, created_at, updated_at, sent_at)
        values (:id, :id, 'EMAIL', :template, 'TRANSACTIONAL', 'en', 'contact', 'ada@example.org', :recordType,
          :recordId, :status, 1, :model, :at, :at, :at)""")
        .param("id", UUID.randomUUID().toString()).param("template", template).param("recordType", recordType)
        .param("recordId", recordId).param("status", status).param("model", model).param("at", at).update();
  }

  private static void migrate(DataSource dataSource, String target) {
    var configuration = Flyway.configure().dataSource(dataSource).table("crm_schema_history")
        .locations("classpath:db/migration");
    if (target != null) {
      configuration.target(target);
    }
    configuration.load().migrate();
  }

  private static DataSource database() {
    if (Boolean.getBoolean("crmflow.test.postgres")) {
      return new DriverManagerDataSource(PostgresTestDatabase.createSeparateDatabase(),
          System.getProperty("spring.datasource.username"), System.getProperty("spring.datasource.password"));
    }
    return new DriverManagerDataSource("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }
}
