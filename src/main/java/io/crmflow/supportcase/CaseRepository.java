package io.crmflow.supportcase;

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
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

@Repository
class CaseRepository {

  /** A case with its customer's address and name, which are their contact's. */
  private static final String SELECT = """
      select s.*, c.email as customer_email, c.name as customer_name
      from crm_case s join crm_contact c on c.id = s.contact_id
      """;

  private final JdbcClient jdbc;
  private final String nextCaseNumberSql;

  CaseRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.nextCaseNumberSql = nextValueSql(dataSource, "crm_case_number_seq");
  }

  /** PostgreSQL has no standard NEXT VALUE FOR; H2 has it in every mode. */
  private static String nextValueSql(DataSource dataSource, String sequence) {
    try {
      String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      return "PostgreSQL".equalsIgnoreCase(product)
          ? "select nextval('" + sequence + "')"
          : "select next value for " + sequence;
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database crmflow runs on", e);
    }
  }

  long nextCaseNumber() {
    return jdbc.sql(nextCaseNumberSql).query(Long.class).single();
  }

  void insert(SupportCase supportCase) {
    jdbc.sql("""
            insert into crm_case (id, case_number, contact_id, subject, description, category,
                                  order_reference, refund_amount, status, refund_status, created_at, updated_at)
            values (:id, :caseNumber, :contactId, :subject, :description, :category,
                    :orderReference, :refundAmount, :status, :refundStatus, :now, :now)
            """)
        .param("id", supportCase.id())
        .param("caseNumber", supportCase.caseNumber())
        .param("contactId", supportCase.contactId())
        .param("subject", supportCase.subject())
        .param("description", supportCase.description())
        .param("category", supportCase.category().name())
        .param("orderReference", supportCase.orderReference())
        .param("refundAmount", supportCase.refundAmount())
        .param("status", supportCase.status().name())
        .param("refundStatus", supportCase.refundStatus() == null ? null : supportCase.refundStatus().name())
        .param("now", Timestamp.from(supportCase.createdAt()))
        .update();
  }

  Optional<SupportCase> findById(String id) {
    return jdbc.sql(SELECT + " where s.id = :id").param("id", id).query(this::map).optional();
  }

  /** Locks the case row until the transaction ends: a reply and the closing timer take turns. */
  Optional<SupportCase> lockById(String id) {
    boolean exists = jdbc.sql("select id from crm_case where id = :id for update").param("id", id)
        .query(String.class).optional().isPresent();
    return exists ? findById(id) : Optional.empty();
  }

  /** The fields a case list can be ordered by, and their columns. */
  static final Map<String, String> SORTABLE = Map.of("createdAt", "s.created_at", "updatedAt", "s.updated_at",
      "caseNumber", "s.case_number", "status", "s.status", "priority", "s.priority", "team", "s.team");

  /** One page of the cases the filter matches, in the paging's order. */
  Page<SupportCase> list(CaseFilter filter, Paging paging) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (!filter.statuses().isEmpty()) {
      where.append(" and s.status in (:statuses)");
      params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
    }
    if (!filter.priorities().isEmpty()) {
      where.append(" and s.priority in (:priorities)");
      params.put("priorities", filter.priorities());
    }
    if (filter.team() != null) {
      where.append(" and s.team = :team");
      params.put("team", filter.team());
    }
    if (!filter.categories().isEmpty()) {
      where.append(" and s.category in (:categories)");
      params.put("categories", filter.categories().stream().map(Enum::name).toList());
    }
    if (filter.text() != null) {
      // the text block begins without a space: PostgreSQL refuses "1 = 1and"
      where.append(' ').append("""
           and (lower(s.case_number) like :text escape '\\' or lower(s.subject) like :text escape '\\'
                or lower(c.name) like :text escape '\\'
                or exists (select 1 from crm_contact_address a
                           where a.contact_id = s.contact_id and a.email_normalized like :text escape '\\'))""");
      params.put("text", Paging.containsPattern(filter.text()));
    }
    long total = jdbc.sql("select count(*) from crm_case s join crm_contact c on c.id = s.contact_id" + where)
        .params(params).query(Long.class).single();
    List<SupportCase> items = total == 0 ? List.of()
        : jdbc.sql(SELECT + where + paging.orderBy("s.id")).params(params).query(this::map).list();
    return new Page<>(items, total, paging);
  }

  /** Every case of the person, newest first. */
  List<SupportCase> forContact(String contactId) {
    return jdbc.sql(SELECT + " where s.contact_id = :contactId order by s.created_at desc, s.id")
        .param("contactId", contactId).query(this::map).list();
  }

  /** Merging two contacts: the duplicate's cases become the survivor's. */
  void moveToContact(String fromContactId, String toContactId) {
    jdbc.sql("update crm_case set contact_id = :to where contact_id = :from")
        .param("from", fromContactId).param("to", toContactId).update();
  }

  void recordProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update crm_case set process_instance_id = :pid where id = :id")
        .param("id", id).param("pid", processInstanceId).update();
  }

  void recordTriage(String id, String priority, String team) {
    jdbc.sql("update crm_case set priority = :priority, team = :team, updated_at = :now where id = :id")
        .param("id", id).param("priority", priority).param("team", team).param("now", now()).update();
  }

  void updateStatus(String id, CaseStatus status) {
    jdbc.sql("""
            update crm_case set status = :status, updated_at = :now,
              resolved_at = case when :status = 'RESOLVED' then :now else resolved_at end,
              closed_at = case when :status = 'CLOSED' then :now else closed_at end
            where id = :id
            """)
        .param("id", id).param("status", status.name()).param("now", now()).update();
  }

  void recordResolution(String id, String resolution) {
    jdbc.sql("update crm_case set resolution = :resolution, updated_at = :now where id = :id")
        .param("id", id).param("resolution", resolution).param("now", now()).update();
  }

  void updateRefund(String id, RefundStatus status, String reference) {
    jdbc.sql("""
            update crm_case set refund_status = :status, refund_reference = coalesce(:reference, refund_reference),
              updated_at = :now
            where id = :id
            """)
        .param("id", id).param("status", status.name()).param("reference", reference).param("now", now()).update();
  }

  void insertReply(CaseReply reply) {
    jdbc.sql("""
            insert into crm_case_reply (id, case_id, message, received_by, reopened, created_at)
            values (:id, :caseId, :message, :receivedBy, :reopened, :createdAt)
            """)
        .param("id", reply.id()).param("caseId", reply.caseId()).param("message", reply.message())
        .param("receivedBy", reply.receivedBy()).param("reopened", reply.reopened())
        .param("createdAt", Timestamp.from(reply.createdAt()))
        .update();
  }

  List<CaseReply> replies(String caseId) {
    return jdbc.sql("select * from crm_case_reply where case_id = :caseId order by created_at, id")
        .param("caseId", caseId).query(CaseRepository::reply).list();
  }

  Optional<CaseReply> reply(String replyId) {
    return jdbc.sql("select * from crm_case_reply where id = :id").param("id", replyId).query(CaseRepository::reply)
        .optional();
  }

  private static CaseReply reply(ResultSet rs, int row) throws SQLException {
    return new CaseReply(rs.getString("id"), rs.getString("case_id"), rs.getString("message"),
        rs.getString("received_by"), rs.getBoolean("reopened"), rs.getTimestamp("created_at").toInstant());
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }

  private SupportCase map(ResultSet rs, int row) throws SQLException {
    String refundStatus = rs.getString("refund_status");
    return new SupportCase(
        rs.getString("id"),
        rs.getString("case_number"),
        rs.getString("contact_id"),
        rs.getString("customer_email"),
        rs.getString("customer_name"),
        rs.getString("subject"),
        rs.getString("description"),
        CaseCategory.valueOf(rs.getString("category")),
        rs.getString("order_reference"),
        rs.getBigDecimal("refund_amount"),
        rs.getString("priority"),
        rs.getString("team"),
        CaseStatus.valueOf(rs.getString("status")),
        rs.getString("resolution"),
        refundStatus == null ? null : RefundStatus.valueOf(refundStatus),
        rs.getString("refund_reference"),
        rs.getString("process_instance_id"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("resolved_at")),
        instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
