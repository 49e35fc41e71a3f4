package io.crmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.engine.FeelExpressionCache.ParsingOnceScalaFeelEngine;
import io.crmflow.engine.FeelExpressionCache;
import io.crmflow.testsupport.Decisions;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/** The DMN engine's FEEL engine parses each expression once and still answers as Camunda's own. */
class FeelExpressionCacheTest {

  private static final List<String> UNARY_TESTS = List.of("[1..10]", ">= 200", "< 50", "not(5)", "5, 7, 9",
      "\"referral\"", "\"webinar\",\"event\"", "not(\"other\")", "-", "> date(\"2026-01-01\")", "null",
      "[20000..100000[", "?.size > 3", "odd(?)");
  private static final List<Object> INPUTS = List.of(1, 5, 10, 50, 199, 200, 100000, "referral", "event", "other",
      LocalDate.of(2025, 12, 31), LocalDate.of(2026, 6, 1), List.of(1, 2, 3, 4));

  private final FeelEngine camundas = new ScalaFeelEngine(List.of());
  private final ParsingOnceScalaFeelEngine parsingOnce = new ParsingOnceScalaFeelEngine(null);

  @Test
  void answersEveryUnaryTestAsCamundasFeelEngineDoes_repeatedly() {
    for (int round = 0; round < 3; round++) {
      for (String test : UNARY_TESTS) {
        for (Object input : INPUTS) {
          VariableContext variables = Variables.createVariables().putValue("cellInput", input).asVariableContext();
          assertThat(outcome(() -> parsingOnce.evaluateSimpleUnaryTests(test, "cellInput", variables)))
              .as("%s for %s", test, input)
              .isEqualTo(outcome(() -> camundas.evaluateSimpleUnaryTests(test, "cellInput", variables)));
        }
      }
    }
  }

  @Test
  void evaluatesExpressionsWithEachCallsVariables() {
    String expression = "if budget >= 100000 then \"large\" else \"small\"";
    assertThat((Object) parsingOnce.evaluateSimpleExpression(expression,
        Variables.createVariables().putValue("budget", 250000).asVariableContext())).isEqualTo("large");
    assertThat((Object) parsingOnce.evaluateSimpleExpression(expression,
        Variables.createVariables().putValue("budget", 10).asVariableContext())).isEqualTo("small");
  }

  @Test
  void parsesEachExpressionOnce() {
    VariableContext variables = Variables.createVariables().putValue("cellInput", 3).asVariableContext();
    for (int i = 0; i < 100; i++) {
      parsingOnce.evaluateSimpleUnaryTests("[1..10]", "cellInput", variables);
      parsingOnce.evaluateSimpleUnaryTests("> 2", "cellInput", variables);
    }
    assertThat(parsingOnce.cachedExpressions()).isEqualTo(2);
  }

  @Test
  void keepsAtMostItsCapacity() {
    VariableContext variables = Variables.createVariables().putValue("cellInput", 3).asVariableContext();
    for (int i = 0; i < FeelExpressionCache.CAPACITY + 100; i++) {
      parsingOnce.evaluateSimpleUnaryTests("> " + i, "cellInput", variables);
    }
    assertThat(parsingOnce.cachedExpressions()).isEqualTo(FeelExpressionCache.CAPACITY);
  }

  @Test
  void aBrokenExpressionFailsEveryTime() {
    VariableContext variables = Variables.createVariables().putValue("cellInput", 3).asVariableContext();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> parsingOnce.evaluateSimpleUnaryTests("[1..", "cellInput", variables))
          .isInstanceOf(FeelException.class);
    }
  }

  @Test
  void isTheFeelEngineOfTheProcessEnginesDecisions() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    new FeelExpressionCache().preInit(configuration);
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    dmn.buildEngine();
    assertThat(dmn.getFeelEngine()).isInstanceOf(ParsingOnceScalaFeelEngine.class);
  }

  @Test
  void staysOutOfTheWayOfLegacyFeel() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setDmnFeelEnableLegacyBehavior(true);
    new FeelExpressionCache().preInit(configuration);
    assertThat(configuration.getDmnEngineConfiguration()).isNull();
  }

  /** What a decision test builds: the same FEEL engine as the process engine's decisions. */
  @Test
  void decisionTestsCanUseIt() {
    assertThat(((DefaultDmnEngineConfiguration) Decisions.engine().getConfiguration()).getFeelEngine())
        .isInstanceOf(ParsingOnceScalaFeelEngine.class);
  }

  private static Object outcome(java.util.function.Supplier<Object> evaluation) {
    try {
      return evaluation.get();
    } catch (FeelException e) {
      return "fails";
    }
  }
}
