package io.crmflow.audit;

import io.crmflow.shared.InvalidFieldException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit log, newest first, for administrators. */
@RestController
@Validated
@RequestMapping("/api/audit")
class AuditController {

  private final AuditLog auditLog;

  AuditController(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @GetMapping
  List<AuditEntry> find(@RequestParam(required = false) @Size(max = 100) String recordId,
      @RequestParam(required = false) @Size(max = 40) String recordType,
      @RequestParam(required = false) @Size(max = 100) String actor,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    // stored in lower case (RecordType.id()); "Lead", as rows were written before, finds them too
    String type = recordType == null ? null : recordType.toLowerCase(Locale.ROOT);
    return auditLog.find(new AuditLog.Query(recordId, type, actor, instant("from", from), instant("to", to), limit));
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
    }
  }
}
