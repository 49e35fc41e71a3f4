package io.crmflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Decisions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of bpmn/lead-scoring.dmn, evaluated by the DMN engine the process uses. */
class LeadScoringDecisionTest {

  private static DmnEngine dmnEngine;
  private static DmnDecision leadScoring;

  @BeforeAll
  static void parseDecision() throws Exception {
    dmnEngine = Decisions.engine();
    try (InputStream dmn = Files.newInputStream(Path.of("bpmn/lead-scoring.dmn"))) {
      leadScoring = dmnEngine.parseDecision("lead-scoring", dmn);
    }
  }

  private static DmnDecisionResultEntries score(String source, Integer companySize, Double budget) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("source", source);
    variables.put("companySize", companySize);
    variables.put("budget", budget);
    return dmnEngine.evaluateDecision(leadScoring, variables).getSingleResult();
  }

  @ParameterizedTest(name = "source {0} gives {1} points")
  @CsvSource({"referral, 30", "webinar, 20", "event, 15", "website, 10", "other, 0"})
  void shouldGivePointsPerSource(String source, int points) {
    assertThat((Object) score(source, null, null).getEntry("score")).isEqualTo(points);
  }

  @ParameterizedTest(name = "company size {0} gives {1} points")
  @CsvSource({"5000, 30", "1000, 30", "999, 20", "200, 20", "199, 10", "50, 10", "49, 0", "0, 0"})
  void shouldGivePointsPerCompanySize(int companySize, int points) {
    assertThat((Object) score(null, companySize, null).getEntry("score")).isEqualTo(points);
  }

  @ParameterizedTest(name = "budget {0} gives {1} points")
  @CsvSource({"250000, 40", "100000, 40", "99999.99, 25", "20000, 25", "19999, 10", "5000, 10", "4999, 0", "0, 0"})
  void shouldGivePointsPerBudget(double budget, int points) {
    assertThat((Object) score(null, null, budget).getEntry("score")).isEqualTo(points);
  }

  @ParameterizedTest(name = "{0}/{1}/{2} scores {3}, {4}")
  @CsvSource({
      "referral, 1000, 100000, 100, hot",
      "referral, 200,  20000,   75, hot",
      "webinar,  1000, 20000,   75, hot",
      "webinar,  200,  5000,    50, warm",
      "event,    50,   20000,   50, warm",
      "website,  200,  5000,    40, warm",
      "website,  50,   5000,    30, cold",
      "other,    10,   100,      0, cold"})
  void shouldRateTheSumOfPoints(String source, int companySize, double budget, int score, String rating) {
    DmnDecisionResultEntries result = score(source, companySize, budget);
    assertThat((Object) result.getEntry("score")).isEqualTo(score);
    assertThat((Object) result.getEntry("rating")).isEqualTo(rating);
  }

  @Test
  void shouldRateALeadWithoutFactsCold() {
    DmnDecisionResultEntries result = score(null, null, null);
    assertThat((Object) result.getEntry("score")).isEqualTo(0);
    assertThat((Object) result.getEntry("rating")).isEqualTo("cold");
  }

  @Test
  void shouldRateSixtyNineWarmAndSeventyHot() {
    // 30 (referral) + 20 (200+) + 10 (5000+) = 60 warm; + 25 instead of 10 = 75 hot
    assertThat((Object) score("referral", 200, 5000.0).getEntry("rating")).isEqualTo("warm");
    assertThat((Object) score("event", 1000, 20000.0).getEntry("score")).isEqualTo(70);
    assertThat((Object) score("event", 1000, 20000.0).getEntry("rating")).isEqualTo("hot");
  }
}
