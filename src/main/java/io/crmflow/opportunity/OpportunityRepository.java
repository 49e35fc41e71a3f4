package io.crmflow.opportunity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import io.crmflow.web.Page;
import io.crmflow.web.Paging;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OpportunityRepository {

  private final JdbcClient jdbc;

  OpportunityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Opportunity opportunity) {
    jdbc.sql("""
            insert into crm_opportunity (id, lead_id, contact_id, owner, status, created_at)
            values (:id, :leadId, :contactId, :owner, :status, :createdAt)
            """)
        .param("id", opportunity.id())
        .param("leadId", opportunity.leadId())
        .param("contactId", opportunity.contactId())
        .param("owner", opportunity.owner())
        .param("status", opportunity.status().name())
        .param("createdAt", Timestamp.from(opportunity.createdAt()))
        .update();
  }

  /** Moves an open opportunity to {@code status}; false when it was no longer open. */
  boolean close(String id, OpportunityStatus status) {
    return jdbc.sql("update crm_opportunity set status = :status where id = :id and status = 'OPEN'")
        .param("status", status.name()).param("id", id).update() == 1;
  }

  Optional<Opportunity> findById(String id) {
    return jdbc.sql("select * from crm_opportunity where id = :id").param("id", id).query(this::map).optional();
  }

  Optional<Opportunity> findByLead(String leadId) {
    return jdbc.sql("select * from crm_opportunity where lead_id = :leadId")
        .param("leadId", leadId).query(this::map).optional();
  }

  /** The fields an opportunity list can be ordered by, and their columns. */
  static final Map<String, String> SORTABLE = Map.of("createdAt", "o.created_at", "status", "o.status",
      "owner", "o.owner", "name", "c.name", "company", "c.company");

  /** One page of the opportunities the filter matches, in the paging's order, with their person's name. */
  Page<OpportunitySummary> list(OpportunityFilter filter, Paging paging) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (filter.leadId() != null) {
      where.append(" and o.lead_id = :leadId");
      params.put("leadId", filter.leadId());
    }
    if (filter.contactId() != null) {
      where.append(" and o.contact_id = :contactId");
      params.put("contactId", filter.contactId());
    }
    if (filter.owner() != null) {
      where.append(" and o.owner = :owner");
      params.put("owner", filter.owner());
    }
    if (!filter.statuses().isEmpty()) {
      where.append(" and o.status in (:statuses)");
      params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
    }
    if (filter.text() != null) {
      where.append(" and (lower(c.name) like :text escape '\\' or lower(c.company) like :text escape '\\')");
      params.put("text", Paging.containsPattern(filter.text()));
    }
    String from = " from crm_opportunity o join crm_contact c on c.id = o.contact_id";
    long total = jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
    List<OpportunitySummary> items = total == 0 ? List.of()
        : jdbc.sql("select o.*, c.name, c.company" + from + where + paging.orderBy("o.id")).params(params)
            .query((rs, row) -> new OpportunitySummary(map(rs, row), rs.getString("name"), rs.getString("company")))
            .list();
    return new Page<>(items, total, paging);
  }

  List<Opportunity> forContact(String contactId) {
    return jdbc.sql("select * from crm_opportunity where contact_id = :contactId order by created_at desc, id")
        .param("contactId", contactId).query(this::map).list();
  }

  /** Merging two contacts: the duplicate's opportunities become the survivor's. */
  void moveToContact(String fromContactId, String toContactId) {
    jdbc.sql("update crm_opportunity set contact_id = :to where contact_id = :from")
        .param("from", fromContactId).param("to", toContactId).update();
  }

  private Opportunity map(ResultSet rs, int row) throws SQLException {
    return new Opportunity(rs.getString("id"), rs.getString("lead_id"), rs.getString("contact_id"), rs.getString("owner"),
        OpportunityStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
  }
}
