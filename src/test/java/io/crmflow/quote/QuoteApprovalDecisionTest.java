package io.crmflow.quote;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Decisions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule and boundary of bpmn/quote-approval.dmn, evaluated by the DMN engine the process uses. */
class QuoteApprovalDecisionTest {

  private static DmnEngine dmnEngine;
  private static DmnDecision approvalLevel;

  @BeforeAll
  static void parseDecision() throws Exception {
    dmnEngine = Decisions.engine();
    try (InputStream dmn = Files.newInputStream(Path.of("bpmn/quote-approval.dmn"))) {
      approvalLevel = dmnEngine.parseDecision(QuoteApprovalProcess.DECISION_KEY, dmn);
    }
  }

  private static DmnDecisionResult evaluate(double discountPercent) {
    return dmnEngine.evaluateDecision(approvalLevel, Map.of("discountPercent", discountPercent));
  }

  @ParameterizedTest(name = "discount {0} % needs approval level {1}")
  @CsvSource({
      "0,      automatic",
      "5,      automatic",
      "10,     automatic",
      "10.01,  manager",
      "15,     manager",
      "25,     manager",
      "25.01,  director",
      "50,     director",
      "100,    director"})
  void shouldPickTheApprovalLevelByDiscount(double discountPercent, String level) {
    DmnDecisionResult result = evaluate(discountPercent);
    assertThat(result).as("exactly one rule matches").hasSize(1);
    assertThat((String) result.getSingleEntry()).isEqualTo(level);
  }

  @Test
  void shouldAcceptTheDiscountAsTheIntegerTheApiMayPass() {
    assertThat((String) dmnEngine.evaluateDecision(approvalLevel, Map.of("discountPercent", 25))
        .getSingleEntry()).isEqualTo(QuoteApprovalProcess.LEVEL_MANAGER);
  }

  @Test
  void shouldMatchNoRuleWithoutADiscount() {
    // the API always sends a discount; without one nothing matches and the process's gateway has no level
    assertThat(dmnEngine.evaluateDecision(approvalLevel, Map.of("other", 1))).isEmpty();
  }
}
