package io.crmflow.opportunity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
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

  List<Opportunity> list(String leadId, String owner, int limit) {
    return jdbc.sql("""
            select * from crm_opportunity
            where (cast(:leadId as varchar(36)) is null or lead_id = :leadId)
              and (cast(:owner as varchar(100)) is null or owner = :owner)
            order by created_at desc
            fetch first :limit rows only
            """)
        .param("leadId", leadId).param("owner", owner).param("limit", limit)
        .query(this::map).list();
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
