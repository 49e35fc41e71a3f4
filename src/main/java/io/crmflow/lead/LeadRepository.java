package io.crmflow.lead;

import io.crmflow.contact.ContactLocale;
import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import io.crmflow.web.Page;
import io.crmflow.web.Paging;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/** crm_lead, read together with the person's details from its contact. */
@Repository
class LeadRepository {

  private static final String COLUMNS = "select l.*, c.name, c.email, c.phone, c.company, c.locale,"
      + " c.marketing_consent, c.sms_consent, c.email_invalid";
  private static final String PERSON = " join crm_contact c on c.id = l.contact_id";
  private static final String SELECT = COLUMNS + " from crm_lead l" + PERSON + " ";

  private final JdbcClient jdbc;
  /** Whether the database counts a text search's matches in the same pass as its page (not H2). */
  private final boolean countsInWindow;

  LeadRepository(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.countsInWindow = !"H2".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
        DatabaseMetaData::getDatabaseProductName));
  }

  /**
   * A new lead of a contact, with its intake if it started and whether that intake sends the welcome email;
   * {@code intakeQueued} leads wait for a paced intake start (imports).
   */
  void insert(Lead lead, boolean intakeQueued, boolean welcomeDue) {
    jdbc.sql("""
            insert into crm_lead (id, contact_id, company_size, budget, source, country, status, intake_queued_at,
                                  process_instance_id, welcome_due, created_at, updated_at, last_activity_at,
                                  status_changed_at)
            values (:id, :contactId, :companySize, :budget, :source, :country, :status, :queuedAt,
                    :processInstanceId, :welcomeDue, :createdAt, :createdAt, :createdAt, :createdAt)
            """)
        .param("id", lead.id())
        .param("contactId", lead.contactId())
        .param("companySize", lead.companySize())
        .param("budget", lead.budget())
        .param("source", lead.source() == null ? null : lead.source().name())
        .param("country", lead.country())
        .param("status", lead.status().name())
        .param("queuedAt", intakeQueued ? Timestamp.from(lead.createdAt()) : null)
        .param("processInstanceId", lead.processInstanceId())
        .param("welcomeDue", welcomeDue)
        .param("createdAt", Timestamp.from(lead.createdAt()))
        .update();
  }

  /** What "Read scoring facts" hands to lead intake. */
  Optional<LeadService.ScoringFacts> scoringFacts(String id) {
    return jdbc.sql("""
            select l.source, l.company_size, l.budget, c.marketing_consent, l.welcome_due
            from crm_lead l join crm_contact c on c.id = l.contact_id where l.id = :id
            """)
        .param("id", id)
        .query((rs, row) -> {
          String source = rs.getString("source");
          BigDecimal budget = rs.getBigDecimal("budget");
          return new LeadService.ScoringFacts(source == null ? null : LeadSource.valueOf(source).code(),
              rs.getObject("company_size", Integer.class), budget == null ? null : budget.doubleValue(),
              rs.getBoolean("marketing_consent"), rs.getBoolean("welcome_due"));
        })
        .optional();
  }

  /** The lead's contact, without reading the lead. */
  Optional<String> contactOf(String id) {
    return jdbc.sql("select contact_id from crm_lead where id = :id").param("id", id).query(String.class).optional();
  }

  Optional<Lead> findById(String id) {
    return jdbc.sql(SELECT + " where l.id = :id").param("id", id).query(this::map).optional();
  }

  /**
   * The lead, its row locked until the transaction ends: changes to one lead (PATCH, nurture
   * start) run one after the other instead of overwriting each other.
   */
  Optional<Lead> lockById(String id) {
    boolean exists = jdbc.sql("select id from crm_lead where id = :id for update").param("id", id)
        .query(String.class).optional().isPresent();
    return exists ? findById(id) : Optional.empty();
  }

  /** The contact's newest lead that is still being worked (NEW, IN_REVIEW, NURTURING), if any. */
  Optional<Lead> findOpen(String contactId) {
    return jdbc.sql(SELECT + """
             where l.contact_id = :contactId and l.status in ('NEW', 'IN_REVIEW', 'NURTURING')
            order by l.created_at desc, l.id fetch first 1 row only
            """)
        .param("contactId", contactId).query(this::map).optional();
  }

  /** The fields a lead list can be ordered by, and their columns. */
  static final Map<String, String> SORTABLE = Map.of("createdAt", "l.created_at", "lastActivityAt",
      "l.last_activity_at", "score", "l.score", "status", "l.status", "name", "c.name", "company", "c.company");

  /**
   * One page of the leads the filter matches, in the paging's order. How it is read is chosen for
   * 100 000 leads and more (docs/workspace.md, "How fast"): joining every matching lead to its person
   * before counting or skipping to the page took H2 up to a second.
   */
  Page<Lead> list(LeadFilter filter, Paging paging) {
    Map<String, Object> params = new HashMap<>();
    String where = where(filter, params);
    if (filter.text() != null) {
      return searched(where, params, paging);
    }
    // neither filter nor count needs the person: crm_lead alone, by its indexes
    long total = jdbc.sql("select count(*) from crm_lead l" + where).params(params).query(Long.class).single();
    if (total == 0) {
      return new Page<>(List.of(), total, paging);
    }
    if (paging.sortColumn().startsWith("c.")) {
      return new Page<>(jdbc.sql(SELECT + where + paging.orderBy("l.id")).params(params).query(this::map).list(),
          total, paging);
    }
    // the page's leads found on crm_lead alone (an index walk), then read with their person
    List<String> ids = jdbc.sql("select l.id from crm_lead l" + where + paging.orderBy("l.id")).params(params)
        .query(String.class).list();
    Map<String, Lead> byId = ids.isEmpty() ? Map.of() : jdbc.sql(SELECT + " where l.id in (:ids)")
        .param("ids", ids).query(this::map).list().stream().collect(Collectors.toMap(Lead::id, lead -> lead));
    return new Page<>(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), total, paging);
  }

  /**
   * A text search reads every contact whatever the order. PostgreSQL does that once when the page
   * comes with the number of matches ({@code count(*) over ()}: 140 ms instead of 260 on 100 000
   * leads); H2 computes such a count row by row (over a second), so there count and page are apart.
   * Only a page past the last match counts apart on PostgreSQL too.
   */
  private Page<Lead> searched(String where, Map<String, Object> params, Paging paging) {
    if (!countsInWindow) {
      long total = jdbc.sql("select count(*) from crm_lead l" + PERSON + where).params(params).query(Long.class)
          .single();
      return new Page<>(total == 0 ? List.of()
          : jdbc.sql(SELECT + where + paging.orderBy("l.id")).params(params).query(this::map).list(), total, paging);
    }
    List<Map.Entry<Lead, Long>> rows = jdbc.sql(COLUMNS + ", count(*) over () as matches from crm_lead l" + PERSON
            + where + paging.orderBy("l.id")).params(params)
        .query((rs, row) -> Map.entry(map(rs, row), rs.getLong("matches"))).list();
    long total = !rows.isEmpty() ? rows.get(0).getValue() : paging.page() == 0 ? 0
        : jdbc.sql("select count(*) from crm_lead l" + PERSON + where).params(params).query(Long.class).single();
    return new Page<>(rows.stream().map(Map.Entry::getKey).toList(), total, paging);
  }

  /** The filter as SQL conditions on crm_lead l (and, for text, its person c), its values put in params. */
  private static String where(LeadFilter filter, Map<String, Object> params) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (!filter.statuses().isEmpty()) {
      where.append(" and l.status in (:statuses)");
      params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
    }
    if (!filter.ratings().isEmpty()) {
      where.append(" and l.rating in (:ratings)");
      params.put("ratings", filter.ratings());
    }
    if (filter.owner() != null) {
      where.append(" and l.owner = :owner");
      params.put("owner", filter.owner());
    }
    if (!filter.sources().isEmpty()) {
      where.append(" and l.source in (:sources)");
      params.put("sources", filter.sources().stream().map(Enum::name).toList());
    }
    if (filter.text() != null) {
      // on the person (c.id), so the database tests each contact once while reading contacts and joins
      // only the matching ones; the addresses as one set, not a lookup per lead. The text block begins
      // without a space: PostgreSQL refuses "1 = 1and".
      where.append(' ').append("""
           and (lower(c.name) like :text escape '\\' or lower(c.company) like :text escape '\\'
                or c.id in (select a.contact_id from crm_contact_address a
                            where a.email_normalized like :text escape '\\'))""");
      params.put("text", Paging.containsPattern(filter.text()));
    }
    return where.toString();
  }

  /** Every lead of the contact, newest first. */
  List<Lead> forContact(String contactId) {
    return jdbc.sql(SELECT + " where l.contact_id = :contactId order by l.created_at desc, l.id")
        .param("contactId", contactId).query(this::map).list();
  }

  void recordProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update crm_lead set process_instance_id = :pid, intake_queued_at = null where id = :id")
        .param("id", id).param("pid", processInstanceId).update();
  }

  /** A queued lead's intake has started. */
  void recordIntake(String id, String processInstanceId, boolean welcomeDue) {
    jdbc.sql("""
            update crm_lead set process_instance_id = :pid, welcome_due = :welcomeDue, intake_queued_at = null
            where id = :id
            """)
        .param("id", id).param("pid", processInstanceId).param("welcomeDue", welcomeDue).update();
  }

  /** Imported leads whose intake waits for its turn, oldest first. */
  List<String> queuedForIntake(int limit) {
    return jdbc.sql("""
            select id from crm_lead where intake_queued_at is not null
            order by intake_queued_at, id fetch first :limit rows only
            """)
        .param("limit", limit).query(String.class).list();
  }

  /** Takes a queued lead for its intake start; false if another instance of the cluster took it first. */
  boolean claimQueuedIntake(String id) {
    return jdbc.sql("update crm_lead set intake_queued_at = null where id = :id and intake_queued_at is not null")
        .param("id", id).update() == 1;
  }

  void recordScore(String id, int score, String rating) {
    jdbc.sql("update crm_lead set score = :score, rating = :rating, updated_at = :now where id = :id")
        .param("id", id).param("score", score).param("rating", rating)
        .param("now", now())
        .update();
  }

  void updateStatus(String id, LeadStatus status) {
    jdbc.sql("""
            update crm_lead set status = :status, updated_at = :now, last_activity_at = :now,
              status_changed_at = case when status = :status then status_changed_at else :now end
            where id = :id
            """)
        .param("id", id).param("status", status.name())
        .param("now", now())
        .update();
  }

  void updateOwner(String id, String owner) {
    jdbc.sql("update crm_lead set owner = :owner, updated_at = :now where id = :id")
        .param("id", id).param("owner", owner).param("now", now())
        .update();
  }

  /** Writes the lead's own fields a PATCH or a merged submission may change; the caller has locked the row. */
  void updateFields(Lead lead) {
    jdbc.sql("""
            update crm_lead set company_size = :companySize, budget = :budget, source = :source, country = :country,
              owner = :owner, updated_at = :now, last_activity_at = :now
            where id = :id
            """)
        .param("id", lead.id())
        .param("companySize", lead.companySize())
        .param("budget", lead.budget())
        .param("source", lead.source() == null ? null : lead.source().name())
        .param("country", lead.country())
        .param("owner", lead.owner())
        .param("now", now())
        .update();
  }

  /** The lead did something (replied): its last activity moves forward, never back. */
  void recordActivity(String id, Instant at) {
    jdbc.sql("""
            update crm_lead set last_activity_at =
              case when last_activity_at is null or last_activity_at < :at then :at else last_activity_at end
            where id = :id
            """)
        .param("id", id).param("at", Timestamp.from(at)).update();
  }

  void recordReviewNote(String id, String note) {
    jdbc.sql("update crm_lead set review_note = :note, updated_at = :now where id = :id")
        .param("id", id).param("note", note).param("now", now()).update();
  }

  Optional<String> reviewNote(String id) {
    return jdbc.sql("select review_note from crm_lead where id = :id").param("id", id).query(String.class)
        .optional();
  }

  void recordNurtureExit(String id, NurtureExitReason reason) {
    jdbc.sql("update crm_lead set nurture_exit_reason = :reason, updated_at = :now where id = :id")
        .param("id", id).param("reason", reason.name()).param("now", now()).update();
  }

  /** Merging two contacts: the duplicate's leads become the survivor's. */
  void moveToContact(String fromContactId, String toContactId) {
    jdbc.sql("update crm_lead set contact_id = :to where contact_id = :from")
        .param("from", fromContactId).param("to", toContactId).update();
  }

  private Lead map(ResultSet rs, int row) throws SQLException {
    String source = rs.getString("source");
    String exitReason = rs.getString("nurture_exit_reason");
    return new Lead(
        rs.getString("id"),
        rs.getString("contact_id"),
        rs.getString("name"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("company"),
        rs.getObject("company_size", Integer.class),
        rs.getBigDecimal("budget"),
        source == null ? null : LeadSource.valueOf(source),
        rs.getString("country"),
        ContactLocale.fromTag(rs.getString("locale")),
        rs.getBoolean("marketing_consent"),
        rs.getBoolean("sms_consent"),
        LeadStatus.valueOf(rs.getString("status")),
        rs.getObject("score", Integer.class),
        rs.getString("rating"),
        rs.getBoolean("email_invalid"),
        rs.getString("process_instance_id"),
        rs.getString("owner"),
        exitReason == null ? null : NurtureExitReason.valueOf(exitReason),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        instant(rs.getTimestamp("last_activity_at")),
        instant(rs.getTimestamp("status_changed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }
}
