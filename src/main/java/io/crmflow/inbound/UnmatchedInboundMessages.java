package io.crmflow.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** crm_inbound_unmatched: what no record took, until an administrator reads it or the sender is erased. */
@Repository
class UnmatchedInboundMessages {

  /** The text is kept whole up to the column's size; an SMS has at most 1600 characters. */
  private static final int MAX_BODY = 2000;
  /** The rows of one person; a null phone matches none (sender is never null). */
  private static final String OF_PERSON = "contact_id = :contactId or sender = :phone";

  private final JdbcClient jdbc;

  UnmatchedInboundMessages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void store(String provider, String eventId, String from, String to, String body, String contactId, String reason) {
    jdbc.sql("""
            insert into crm_inbound_unmatched (id, provider, event_id, sender, recipient, body, contact_id, reason,
                received_at)
            values (:id, :provider, :eventId, :sender, :recipient, :body, :contactId, :reason, :now)
            """)
        .param("id", UUID.randomUUID().toString()).param("provider", provider).param("eventId", eventId)
        .param("sender", from).param("recipient", to)
        .param("body", body == null || body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY))
        .param("contactId", contactId).param("reason", reason).param("now", Timestamp.from(Instant.now()))
        .update();
  }

  List<UnmatchedInboundMessage> newest(int limit) {
    return jdbc.sql("select * from crm_inbound_unmatched order by received_at desc, id fetch first :limit rows only")
        .param("limit", limit).query(UnmatchedInboundMessages::map).list();
  }

  /** The person's: stored against their contact, or sent from their number. */
  List<UnmatchedInboundMessage> of(String contactId, String phone) {
    return jdbc.sql("select * from crm_inbound_unmatched where " + OF_PERSON + " order by received_at, id")
        .param("contactId", contactId).param("phone", phone).query(UnmatchedInboundMessages::map).list();
  }

  int delete(String contactId, String phone) {
    return jdbc.sql("delete from crm_inbound_unmatched where " + OF_PERSON)
        .param("contactId", contactId).param("phone", phone).update();
  }

  private static UnmatchedInboundMessage map(ResultSet rs, int row) throws SQLException {
    return new UnmatchedInboundMessage(rs.getString("id"), rs.getString("provider"), rs.getString("event_id"),
        rs.getString("sender"), rs.getString("recipient"), rs.getString("body"), rs.getString("contact_id"),
        rs.getString("reason"), rs.getTimestamp("received_at").toInstant());
  }
}
