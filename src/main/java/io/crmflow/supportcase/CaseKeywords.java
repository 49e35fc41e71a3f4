package io.crmflow.supportcase;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads routing facts out of a case's subject and description — whether it mentions an outage,
 * legal action or a refund — so the case-triage decision works on booleans, never on the
 * customer's words, which stay in crm_case.
 */
record CaseKeywords(boolean mentionsOutage, boolean mentionsLegal, boolean mentionsRefund) {

  private static final Pattern OUTAGE = words(List.of("outage", "down", "not working", "doesn't work",
      "does not work", "unavailable", "not available", "cannot access", "can't access", "cannot log in",
      "can't log in", "error 500", "crash", "crashes", "crashed"));
  private static final Pattern LEGAL = words(List.of("lawyer", "attorney", "legal", "lawsuit", "sue", "court",
      "gdpr", "data protection", "ombudsman", "solicitor"));
  private static final Pattern REFUND = words(List.of("refund", "refunds", "money back", "reimburse",
      "reimbursement", "chargeback", "charged twice", "double charged", "overcharged"));

  static CaseKeywords of(String subject, String description) {
    String text = ((subject == null ? "" : subject) + "\n" + (description == null ? "" : description))
        .toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return new CaseKeywords(OUTAGE.matcher(text).find(), LEGAL.matcher(text).find(), REFUND.matcher(text).find());
  }

  /** Whole words or phrases only: "sue" must not match "issue". */
  private static Pattern words(List<String> phrases) {
    String alternatives = String.join("|", phrases.stream().map(Pattern::quote).toList());
    return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])");
  }
}
