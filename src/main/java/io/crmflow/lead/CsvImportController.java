package io.crmflow.lead;

import io.crmflow.audit.AuditLog;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.RecordType;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/contacts/import} ({@code text/csv}): contacts — with the lead facts they come with —
 * from a spreadsheet or another CRM's export. 200 and what was created, updated and rejected; with
 * {@code dryRun=true} the same report, nothing stored. A file that cannot be read as a whole (not
 * UTF-8, no header, an unknown column) is a 400 and nothing is stored; over the size limit a 413.
 */
@RestController
@RequestMapping("/api/contacts/import")
class CsvImportController {

  private final CsvImport csvImport;
  private final AuditLog auditLog;

  CsvImportController(CsvImport csvImport, AuditLog auditLog) {
    this.csvImport = csvImport;
    this.auditLog = auditLog;
  }

  @PostMapping(consumes = "text/csv")
  CsvImport.Report importFile(@RequestBody(required = false) byte[] file,
      @RequestParam(defaultValue = "false") String dryRun,
      @RequestParam(defaultValue = "false") String startIntake,
      Principal principal) {
    boolean dry = flag("dryRun", dryRun);
    boolean intake = flag("startIntake", startIntake);
    // an empty body is a file without a header: CsvLeadFile says so, naming the file
    CsvImport.Report report = csvImport.run(file == null ? new byte[0] : file, dry, intake, principal.getName());
    if (!dry) {
      auditLog.record(principal.getName(), "contacts.imported", RecordType.CONTACT, null, Map.of("created", report.created(),
          "updated", report.updated(), "rejectedRows", report.rejected().stream().map(CsvImport.Rejection::line)
              .distinct().count(), "intakesQueued", report.intakesQueued()));
    }
    return report;
  }

  private static boolean flag(String name, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidFieldException(name, "must be true or false");
    };
  }
}
