package io.crmflow.supportcase;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Decisions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of bpmn/case-triage.dmn, evaluated by the DMN engine the process uses, and the keyword facts. */
class CaseTriageDecisionTest {

  private static DmnEngine dmnEngine;
  private static DmnDecision caseTriage;

  @BeforeAll
  static void parseDecision() throws Exception {
    dmnEngine = Decisions.engine();
    try (InputStream dmn = Files.newInputStream(Path.of("bpmn/case-triage.dmn"))) {
      caseTriage = dmnEngine.parseDecision("case-triage", dmn);
    }
  }

  private static DmnDecisionResultEntries triage(String category, boolean outage, boolean legal, boolean refund) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("category", category);
    variables.put("mentionsOutage", outage);
    variables.put("mentionsLegal", legal);
    variables.put("mentionsRefund", refund);
    return dmnEngine.evaluateDecision(caseTriage, variables).getSingleResult();
  }

  @ParameterizedTest(name = "[{0}] {1}, outage {2}, legal {3}, refund {4}: {5}, {6}, {7}")
  @CsvSource({
      // rule,          category,  outage, legal, refund, priority, team,        dueIn
      "Legal,           other,     false,  true,  false,  urgent,   escalations, PT4H",
      "Legal,           billing,   true,   true,  true,   urgent,   escalations, PT4H",
      "Outage,          technical, true,   false, false,  urgent,   technical,   PT4H",
      "Outage,          account,   true,   false, true,   urgent,   technical,   PT4H",
      "Technical,       technical, false,  false, false,  high,     technical,   PT8H",
      "Technical,       technical, false,  false, true,   high,     technical,   PT8H",
      "BillingRefund,   billing,   false,  false, true,   high,     billing,     PT8H",
      "Billing,         billing,   false,  false, false,  normal,   billing,     P1D",
      "Refund,          account,   false,  false, true,   normal,   billing,     P1D",
      "Refund,          other,     false,  false, true,   normal,   billing,     P1D",
      "Account,         account,   false,  false, false,  normal,   support,     P1D",
      "Other,           other,     false,  false, false,  low,      support,     P3D"})
  void shouldTriageByTheFirstMatchingRule(String rule, String category, boolean outage, boolean legal, boolean refund,
      String priority, String team, String dueIn) {
    DmnDecisionResultEntries result = triage(category, outage, legal, refund);
    assertThat((Object) result.getEntry("priority")).as(rule).isEqualTo(priority);
    assertThat((Object) result.getEntry("team")).as(rule).isEqualTo(team);
    assertThat((Object) result.getEntry("dueIn")).as(rule).isEqualTo(dueIn);
  }

  @Test
  void shouldGiveEveryOutcomeAnIsoDurationTheTimerAccepts() {
    for (String category : new String[] {"billing", "technical", "account", "other"}) {
      for (int facts = 0; facts < 8; facts++) {
        String dueIn = triage(category, (facts & 1) != 0, (facts & 2) != 0, (facts & 4) != 0).getEntry("dueIn");
        assertThat(Duration.parse(dueIn)).isPositive();
      }
    }
  }

  @ParameterizedTest(name = "\"{0}\" / \"{1}\": outage {2}, legal {3}, refund {4}")
  @CsvSource(delimiter = '|', value = {
      "Website down            | Nothing loads since 9am                    | true  | false | false",
      "Cannot log in           | I can't log in to my account               | true  | false | false",
      "Invoice question        | Please send me a copy of the invoice       | false | false | false",
      "Billing issue           | There is an issue with the tissue order    | false | false | false",
      "Charged twice           | I want my money back                       | false | false | true",
      "Refund please           | The product broke                          | false | false | true",
      "Formal complaint        | My lawyer will contact you about the GDPR  | false | true  | false",
      "Formal complaint        | I will sue you                             | false | true  | false",
      "Download speed          | The download is slow                       | false | false | false"})
  void shouldReadKeywordFactsAsWholeWords(String subject, String description, boolean outage, boolean legal,
      boolean refund) {
    CaseKeywords keywords = CaseKeywords.of(subject, description);
    assertThat(keywords.mentionsOutage()).as("outage").isEqualTo(outage);
    assertThat(keywords.mentionsLegal()).as("legal").isEqualTo(legal);
    assertThat(keywords.mentionsRefund()).as("refund").isEqualTo(refund);
  }
}
