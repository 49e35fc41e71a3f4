package db.migration;

import io.crmflow.contact.EmailAddress;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Moves the people behind existing leads and cases into crm_contact (created by V10): one contact
 * per normalised address ({@link EmailAddress#normalize}), merging the rows that share it. The
 * newest non-empty name, phone, company and locale win; consent and the invalid flag are the newest
 * lead's; a contact with an accepted quote is a customer, one with an opportunity an opportunity.
 * Every lead and case becomes a submission on its contact's timeline. Erased rows (address
 * "(erased)") become erased contacts of their own. Staff messages keep no rendering model: only a
 * deferred message is rendered later and needs it. Written in Java because the merge rules are
 * not portable SQL for H2 and PostgreSQL.
 */
public class V11__MoveContactDataToContacts extends BaseJavaMigration {

  private static final String ERASED = "(erased)";

  /** One person as the migration assembles them from their rows, oldest first. */
  private static final class Person {
    final String id = UUID.randomUUID().toString();
    String email;
    String name;
    String phone;
    String company;
    String locale = "en";
    boolean marketingConsent;
    boolean emailInvalid;
    Timestamp createdAt;
    Timestamp updatedAt;
    boolean erased;

    void seen(Timestamp created, Timestamp updated) {
      if (createdAt == null || created.before(createdAt)) {
        createdAt = created;
      }
      if (updatedAt == null || updated.after(updatedAt)) {
        updatedAt = updated;
      }
    }
  }

  @Override
  public void migrate(Context context) {
    JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
    Map<String, Person> byAddress = new LinkedHashMap<>();
    List<Person> erased = new ArrayList<>();
    Map<String, Person> byLead = new LinkedHashMap<>();
    Map<String, Person> byCase = new LinkedHashMap<>();

    jdbc.query("""
        select id, name, email, phone, company, locale, marketing_consent, email_invalid, created_at, updated_at
        from crm_lead order by created_at, id
        """, rs -> {
      Person person = person(byAddress, erased, rs.getString("email"));
      person.name = newer(person.name, rs.getString("name"));
      person.phone = newer(person.phone, rs.getString("phone"));
      person.company = newer(person.company, rs.getString("company"));
      person.locale = newer(person.locale, rs.getString("locale"));
      person.marketingConsent = rs.getBoolean("marketing_consent");
      person.emailInvalid = rs.getBoolean("email_invalid");
      person.seen(rs.getTimestamp("created_at"), rs.getTimestamp("updated_at"));
      byLead.put(rs.getString("id"), person);
    });
    jdbc.query("select id, customer_email, customer_name, created_at, updated_at from crm_case order by created_at, id",
        rs -> {
          Person person = person(byAddress, erased, rs.getString("customer_email"));
          if (person.name == null) {
            person.name = blankToNull(rs.getString("customer_name"));
          }
          person.seen(rs.getTimestamp("created_at"), rs.getTimestamp("updated_at"));
          byCase.put(rs.getString("id"), person);
        });

    List<Person> people = new ArrayList<>(byAddress.values());
    people.addAll(erased);
    jdbc.batchUpdate("""
        insert into crm_contact (id, email, name, phone, company, locale, marketing_consent, sms_consent,
            email_invalid, lifecycle_stage, erased_at, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, false, ?, 'LEAD', ?, ?, ?)
        """, people, 500, (ps, person) -> {
      ps.setString(1, person.id);
      ps.setString(2, person.email);
      ps.setString(3, person.name);
      ps.setString(4, person.phone);
      ps.setString(5, person.company);
      ps.setString(6, person.locale);
      ps.setBoolean(7, person.marketingConsent && !person.erased);
      ps.setBoolean(8, person.emailInvalid);
      ps.setTimestamp(9, person.erased ? person.updatedAt : null);
      ps.setTimestamp(10, person.createdAt);
      ps.setTimestamp(11, person.updatedAt);
    });
    jdbc.batchUpdate("insert into crm_contact_address (email_normalized, contact_id) values (?, ?)",
        new ArrayList<>(byAddress.entrySet()), 500, (ps, entry) -> {
          ps.setString(1, entry.getKey());
          ps.setString(2, entry.getValue().id);
        });

    jdbc.batchUpdate("update crm_lead set contact_id = ? where id = ?", new ArrayList<>(byLead.entrySet()), 500,
        (ps, entry) -> {
          ps.setString(1, entry.getValue().id);
          ps.setString(2, entry.getKey());
        });
    jdbc.batchUpdate("update crm_case set contact_id = ? where id = ?", new ArrayList<>(byCase.entrySet()), 500,
        (ps, entry) -> {
          ps.setString(1, entry.getValue().id);
          ps.setString(2, entry.getKey());
        });
    jdbc.update("""
        insert into crm_contact_submission (id, contact_id, submitted_at, channel, source, company_size, budget,
            lead_id)
        select id, contact_id, created_at, 'api', lower(source), company_size, budget, id from crm_lead
        """);
    jdbc.update("""
        insert into crm_contact_submission (id, contact_id, submitted_at, channel, case_id)
        select id, contact_id, created_at, 'case', id from crm_case
        """);

    jdbc.update("update crm_opportunity set contact_id = (select l.contact_id from crm_lead l where l.id = lead_id)");
    jdbc.update("update crm_quote set contact_id = (select l.contact_id from crm_lead l where l.id = lead_id)");
    jdbc.update("""
        update crm_contact set lifecycle_stage = 'OPPORTUNITY',
          opportunity_at = (select min(o.created_at) from crm_opportunity o where o.contact_id = crm_contact.id)
        where exists (select 1 from crm_opportunity o where o.contact_id = crm_contact.id)
        """);
    jdbc.update("""
        update crm_contact set lifecycle_stage = 'CUSTOMER',
          customer_at = (select min(q.updated_at) from crm_quote q
                         where q.contact_id = crm_contact.id and q.status = 'ACCEPTED')
        where exists (select 1 from crm_quote q where q.contact_id = crm_contact.id and q.status = 'ACCEPTED')
        """);
    jdbc.update("""
        update crm_contact set welcomed_at = (
          select max(m.sent_at) from crm_message m join crm_lead l on l.id = m.record_id
          where l.contact_id = crm_contact.id and m.template = 'welcome' and m.status = 'SENT')
        """);

    jdbc.update("""
        update crm_message set contact_id = (select l.contact_id from crm_lead l where l.id = record_id)
        where record_type = 'lead'
        """);
    jdbc.update("""
        update crm_message set contact_id = (select c.contact_id from crm_case c where c.id = record_id)
        where record_type = 'case'
        """);
    jdbc.update("update crm_message set model_json = null where status <> 'DEFERRED'");
    // the marketing cap now counts the slots sent messages took
    jdbc.update("""
        update crm_message set cap_taken_at = sent_at
        where status = 'SENT' and category = 'MARKETING' and channel = 'EMAIL'
        """);
    // one running sequence per person from now on; where a person already has two, the newer keeps running
    // without the claim (both end as they would have)
    List<Map<String, Object>> running = jdbc.queryForList("""
        select n.process_instance_id, l.contact_id from crm_lead_nurture n join crm_lead l on l.id = n.lead_id
        where n.running_lead_id is not null order by n.started_at
        """);
    Set<Object> claimed = new HashSet<>();
    for (Map<String, Object> sequence : running) {
      Object contactId = sequence.get("contact_id");
      if (claimed.add(contactId)) {
        jdbc.update("update crm_lead_nurture set running_contact_id = ? where process_instance_id = ?",
            contactId, sequence.get("process_instance_id"));
      }
    }
  }

  private static Person person(Map<String, Person> byAddress, List<Person> erased, String email) {
    if (email == null || email.isBlank() || ERASED.equals(email)) {
      Person person = new Person();
      person.email = ERASED;
      person.name = ERASED;
      person.erased = true;
      erased.add(person);
      return person;
    }
    return byAddress.computeIfAbsent(EmailAddress.normalize(email), address -> {
      Person person = new Person();
      person.email = email.strip();
      return person;
    });
  }

  private static String newer(String current, String candidate) {
    String value = blankToNull(candidate);
    return value == null ? current : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
