package io.crmflow.quote;

import io.crmflow.web.Page;
import io.crmflow.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QuoteRepository {

  private final JdbcClient jdbc;

  QuoteRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts an active quote; fails on uk_crm_quote_active when the opportunity already has one. */
  void insert(Quote quote) {
    jdbc.sql("""
            insert into crm_quote (id, opportunity_id, lead_id, contact_id, owner, status, subtotal, discount_percent,
                discount_amount, total, validity_days, active_opportunity_id, created_at, updated_at)
            values (:id, :opportunityId, :leadId, :contactId, :owner, :status, :subtotal, :discountPercent,
                :discountAmount, :total, :validityDays, :opportunityId, :createdAt, :createdAt)
            """)
        .param("id", quote.id())
        .param("opportunityId", quote.opportunityId())
        .param("leadId", quote.leadId())
        .param("contactId", quote.contactId())
        .param("owner", quote.owner())
        .param("status", quote.status().name())
        .param("subtotal", quote.subtotal())
        .param("discountPercent", quote.discountPercent())
        .param("discountAmount", quote.discountAmount())
        .param("total", quote.total())
        .param("validityDays", quote.validityDays())
        .param("createdAt", Timestamp.from(quote.createdAt()))
        .update();
    for (QuoteLine line : quote.lineItems()) {
      jdbc.sql("""
              insert into crm_quote_line (quote_id, line_no, product, quantity, unit_price, line_total)
              values (:quoteId, :lineNo, :product, :quantity, :unitPrice, :lineTotal)
              """)
          .param("quoteId", quote.id())
          .param("lineNo", line.lineNo())
          .param("product", line.product())
          .param("quantity", line.quantity())
          .param("unitPrice", line.unitPrice())
          .param("lineTotal", line.lineTotal())
          .update();
    }
  }

  void recordProcessInstance(String quoteId, String processInstanceId) {
    jdbc.sql("update crm_quote set process_instance_id = :pi where id = :id")
        .param("pi", processInstanceId).param("id", quoteId).update();
  }

  Optional<Quote> findById(String id) {
    return jdbc.sql("select * from crm_quote where id = :id").param("id", id).query(this::map).optional()
        .map(quote -> quote.withLines(lines(id)));
  }

  Optional<Quote> findByProcessInstance(String processInstanceId) {
    return jdbc.sql("select id from crm_quote where process_instance_id = :pi").param("pi", processInstanceId)
        .query(String.class).optional().flatMap(this::findById);
  }

  /** Reads the quote and locks its row until the transaction ends: answers to one quote queue up. */
  Optional<Quote> lock(String id) {
    return jdbc.sql("select * from crm_quote where id = :id for update").param("id", id).query(this::map).optional()
        .map(quote -> quote.withLines(lines(id)));
  }

  Optional<Quote> findActive(String opportunityId) {
    return jdbc.sql("select * from crm_quote where active_opportunity_id = :opportunityId")
        .param("opportunityId", opportunityId).query(this::map).optional();
  }

  /** The fields a quote list can be ordered by, and their columns. */
  static final Map<String, String> SORTABLE = Map.of("createdAt", "q.created_at", "total", "q.total",
      "status", "q.status", "validUntil", "q.valid_until", "owner", "q.owner", "name", "c.name");

  /** One page of the quotes the filter matches, in the paging's order, with their person's name. */
  Page<QuoteSummary> list(QuoteFilter filter, Paging paging) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (filter.opportunityId() != null) {
      where.append(" and q.opportunity_id = :opportunityId");
      params.put("opportunityId", filter.opportunityId());
    }
    if (filter.contactId() != null) {
      where.append(" and q.contact_id = :contactId");
      params.put("contactId", filter.contactId());
    }
    if (filter.owner() != null) {
      where.append(" and q.owner = :owner");
      params.put("owner", filter.owner());
    }
    if (!filter.statuses().isEmpty()) {
      where.append(" and q.status in (:statuses)");
      params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
    }
    if (filter.text() != null) {
      where.append(" and (lower(c.name) like :text escape '\\' or lower(c.company) like :text escape '\\')");
      params.put("text", Paging.containsPattern(filter.text()));
    }
    String from = " from crm_quote q join crm_contact c on c.id = q.contact_id";
    long total = jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
    List<QuoteSummary> items = total == 0 ? List.of()
        : jdbc.sql("select q.*, c.name, c.company" + from + where + paging.orderBy("q.id")).params(params)
            .query((rs, row) -> new QuoteSummary(rs.getString("id"), rs.getString("opportunity_id"),
                rs.getString("contact_id"), rs.getString("name"), rs.getString("company"), rs.getString("owner"),
                QuoteStatus.valueOf(rs.getString("status")), rs.getBigDecimal("subtotal"),
                rs.getBigDecimal("discount_percent"), rs.getBigDecimal("total"), instant(rs.getTimestamp("valid_until")),
                instant(rs.getTimestamp("created_at"))))
            .list();
    return new Page<>(items, total, paging);
  }

  /** Every quote made for the person, newest first, with its lines. */
  List<Quote> forContact(String contactId) {
    return jdbc.sql("select * from crm_quote where contact_id = :contactId order by created_at desc, id")
        .param("contactId", contactId).query(this::map).list().stream()
        .map(quote -> quote.withLines(lines(quote.id())))
        .toList();
  }

  List<Quote> forOpportunity(String opportunityId) {
    return jdbc.sql("select * from crm_quote where opportunity_id = :opportunityId order by created_at desc")
        .param("opportunityId", opportunityId).query(this::map).list().stream()
        .map(quote -> quote.withLines(lines(quote.id())))
        .toList();
  }

  /**
   * Moves the quote to {@code to} if it is in one of {@code from}; a quote leaving the active
   * states frees its opportunity for the next quote.
   *
   * @return whether the quote changed
   */
  boolean updateStatus(String id, Collection<QuoteStatus> from, QuoteStatus to) {
    return jdbc.sql("""
            update crm_quote set status = :to, updated_at = :now,
                active_opportunity_id = case when :active then opportunity_id else null end
            where id = :id and status in (:from)
            """)
        .param("to", to.name())
        .param("now", Timestamp.from(Instant.now()))
        .param("active", to.isActive())
        .param("id", id)
        .param("from", from.stream().map(Enum::name).toList())
        .update() == 1;
  }

  void markSent(String id, Instant validUntil) {
    jdbc.sql("update crm_quote set valid_until = :validUntil where id = :id")
        .param("validUntil", Timestamp.from(validUntil)).param("id", id).update();
  }

  void recordRejection(String id, String reason, String rejectedBy) {
    jdbc.sql("update crm_quote set rejection_reason = :reason, rejected_by = :rejectedBy where id = :id")
        .param("reason", reason).param("rejectedBy", rejectedBy).param("id", id).update();
  }

  private List<QuoteLine> lines(String quoteId) {
    return jdbc.sql("select * from crm_quote_line where quote_id = :quoteId order by line_no")
        .param("quoteId", quoteId)
        .query((rs, row) -> new QuoteLine(rs.getInt("line_no"), rs.getString("product"), rs.getInt("quantity"),
            rs.getBigDecimal("unit_price"), rs.getBigDecimal("line_total")))
        .list();
  }

  /** Merging two contacts: the duplicate's quotes become the survivor's. */
  void moveToContact(String fromContactId, String toContactId) {
    jdbc.sql("update crm_quote set contact_id = :to where contact_id = :from")
        .param("from", fromContactId).param("to", toContactId).update();
  }

  private Quote map(ResultSet rs, int row) throws SQLException {
    int validityDays = rs.getInt("validity_days");
    Integer validity = rs.wasNull() ? null : validityDays;
    return new Quote(rs.getString("id"), rs.getString("opportunity_id"), rs.getString("lead_id"),
        rs.getString("contact_id"), rs.getString("owner"), QuoteStatus.valueOf(rs.getString("status")), List.of(), rs.getBigDecimal("subtotal"),
        rs.getBigDecimal("discount_percent"), rs.getBigDecimal("discount_amount"), rs.getBigDecimal("total"),
        validity, instant(rs.getTimestamp("valid_until")), rs.getString("rejection_reason"),
        rs.getString("rejected_by"), rs.getString("process_instance_id"), instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
