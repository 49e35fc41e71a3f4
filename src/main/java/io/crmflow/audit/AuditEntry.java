package io.crmflow.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** One row of the audit log; {@code details} is a JSON object without personal data. */
public record AuditEntry(String id, Instant occurredAt, String actor, String action, String recordType,
                         String recordId, String processInstanceId, @JsonRawValue String details) {
}
