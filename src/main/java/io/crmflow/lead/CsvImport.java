package io.crmflow.lead;

import io.crmflow.contact.ContactService;
import io.crmflow.contact.EmailAddress;
import io.crmflow.contact.FieldPolicy;
import io.crmflow.contact.Submission;
import io.crmflow.contact.SubmissionChannel;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /api/contacts/import}: many lead submissions from one CSV file. Every row is checked by
 * the rules of {@code POST /api/leads}; good rows update the person's contact or create it — never a
 * second contact for one person — and are recorded on their timeline (channel {@code import}). Only
 * with {@code startIntake} do they become leads, whose intakes are then started at a steady pace by
 * {@link QueuedIntakeStarter} (the welcome email within the contact's welcome interval, as always).
 * Rows are stored in batches, each its own transaction, so an import holds no person's row for long.
 */
@Service
class CsvImport {

  private static final Logger log = LoggerFactory.getLogger(CsvImport.class);
  static final int BATCH = 500;

  private final ContactService contacts;
  private final LeadService leadService;
  private final Validator validator;
  private final TransactionTemplate transaction;

  CsvImport(ContactService contacts, LeadService leadService, Validator validator,
      PlatformTransactionManager transactions) {
    this.contacts = contacts;
    this.leadService = leadService;
    this.validator = validator;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** A row that was not imported, and why: its line (the header is line 1) and the field at fault. */
  record Rejection(long line, String field, String message) {
  }

  /**
   * What an import did, or — a dry run — would do.
   *
   * @param created        contacts new to crmflow
   * @param updated        contacts crmflow knew (also those created by an earlier row of the same file)
   * @param intakesQueued  leads whose intake will start (with {@code startIntake})
   */
  record Report(int created, int updated, List<Rejection> rejected, boolean dryRun, int intakesQueued) {
  }

  /** An accepted row. */
  private record Accepted(long line, LeadSubmission submission) {
  }

  Report run(byte[] file, boolean dryRun, boolean startIntake, String actor) {
    List<Accepted> accepted = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (CsvLeadFile.Row row : CsvLeadFile.parse(file)) {
      List<CsvLeadFile.FieldError> errors = new ArrayList<>();
      LeadSubmission submission = CsvLeadFile.submission(row, errors);
      for (ConstraintViolation<LeadSubmission> violation : validator.validate(submission)) {
        String field = violation.getPropertyPath().toString();
        if (errors.stream().noneMatch(error -> error.field().equals(field))) {
          errors.add(new CsvLeadFile.FieldError(field, violation.getMessage()));
        }
      }
      if (errors.isEmpty()) {
        accepted.add(new Accepted(row.line(), submission));
      } else {
        errors.stream().sorted(Comparator.comparing(CsvLeadFile.FieldError::field))
            .forEach(error -> rejected.add(new Rejection(row.line(), error.field(), error.message())));
      }
    }
    Report report = dryRun ? preview(accepted, rejected, startIntake) : store(accepted, rejected, startIntake, actor);
    log.info("CSV import by {}{}: {} created, {} updated, {} rejected rows, {} intakes queued", actor,
        dryRun ? " (dry run)" : "", report.created(), report.updated(),
        rejected.stream().map(Rejection::line).distinct().count(), report.intakesQueued());
    return report;
  }

  /** Counts what storing would do, storing nothing. */
  private Report preview(List<Accepted> accepted, List<Rejection> rejected, boolean startIntake) {
    Set<String> seen = new HashSet<>();
    int created = 0;
    for (Accepted row : accepted) {
      String address = EmailAddress.normalize(row.submission().email());
      if (seen.add(address) && contacts.findByEmail(address).isEmpty()) {
        created++;
      }
    }
    // with startIntake a person with an open lead merges into it instead of queueing a new intake
    int intakes = startIntake ? (int) accepted.stream().map(row -> EmailAddress.normalize(row.submission().email()))
        .distinct().filter(address -> !hasOpenLead(address)).count() : 0;
    return new Report(created, accepted.size() - created, rejected, true, intakes);
  }

  private boolean hasOpenLead(String address) {
    return contacts.findByEmail(address)
        .map(contact -> leadService.forContact(contact.id()).stream().anyMatch(Lead::isOpen))
        .orElse(false);
  }

  private Report store(List<Accepted> accepted, List<Rejection> rejected, boolean startIntake, String actor) {
    int[] counts = new int[3];
    for (int from = 0; from < accepted.size(); from += BATCH) {
      List<Accepted> batch = accepted.subList(from, Math.min(from + BATCH, accepted.size()));
      transaction.executeWithoutResult(status -> batch.forEach(row -> {
        boolean created;
        if (startIntake) {
          LeadService.Outcome outcome = leadService.submit(row.submission(), SubmissionChannel.IMPORT, actor, true);
          created = outcome.newContact();
          counts[2] += outcome.newLead() ? 1 : 0;
        } else {
          var registration = contacts.register(row.submission().contactDetails(), FieldPolicy.NEWER_WINS);
          created = registration.created();
          LeadSubmission submission = row.submission();
          contacts.recordSubmission(registration.contact().id(), Submission.of(SubmissionChannel.IMPORT, actor)
              .withFacts(submission.source() == null ? null : submission.source().code(), submission.companySize(),
                  submission.budget()));
        }
        counts[created ? 0 : 1]++;
      }));
    }
    return new Report(counts[0], counts[1], rejected, false, counts[2]);
  }
}
