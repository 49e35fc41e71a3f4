package io.crmflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Decisions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmn/lead-routing.dmn, evaluated by the DMN engine the process uses: the team that reviews a lead. */
class LeadRoutingDecisionTest {

  private static DmnEngine dmnEngine;
  private static DmnDecision leadRouting;

  @BeforeAll
  static void parseDecision() throws Exception {
    dmnEngine = Decisions.engine();
    try (InputStream dmn = Files.newInputStream(Path.of("bpmn/lead-routing.dmn"))) {
      leadRouting = dmnEngine.parseDecision("lead-routing", dmn);
    }
  }

  @ParameterizedTest(name = "{0}, {1} employees, {2}, {3} → {4}")
  @CsvSource({
      "DE, 1000, referral, en, sales",
      "CN, 20, website, zh-CN, sales",
      ", , , , sales"})
  void shouldRouteEveryLeadNoRuleNamesToTheSalesTeam(String country, Integer companySize, String source,
      String locale, String team) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("country", country);
    facts.put("companySize", companySize);
    facts.put("source", source);
    facts.put("locale", locale);
    assertThat((Object) dmnEngine.evaluateDecision(leadRouting, facts).getSingleResult().getEntry("team"))
        .isEqualTo(team);
  }
}
