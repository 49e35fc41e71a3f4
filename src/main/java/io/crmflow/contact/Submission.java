package io.crmflow.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One entry of a contact's timeline: when and how the person (a form, a file, support on their
 * behalf) told crmflow about themselves, with the lead facts that came with it.
 *
 * @param leadId the lead the submission created or merged into, if any
 * @param caseId the case it opened, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Submission(String id, String contactId, Instant submittedAt, SubmissionChannel channel, String source,
                         Integer companySize, BigDecimal budget, String leadId, String caseId, String submittedBy) {

  /** A submission about to be recorded; the contact and the time are filled in when it is. */
  public static Submission of(SubmissionChannel channel, String submittedBy) {
    return new Submission(null, null, null, channel, null, null, null, null, null, submittedBy);
  }

  public Submission withFacts(String source, Integer companySize, BigDecimal budget) {
    return new Submission(id, contactId, submittedAt, channel, source, companySize, budget, leadId, caseId,
        submittedBy);
  }

  public Submission forLead(String lead) {
    return new Submission(id, contactId, submittedAt, channel, source, companySize, budget, lead, caseId,
        submittedBy);
  }

  public Submission forCase(String supportCase) {
    return new Submission(id, contactId, submittedAt, channel, source, companySize, budget, leadId, supportCase,
        submittedBy);
  }
}
