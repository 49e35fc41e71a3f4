package io.crmflow.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * Makes the DMN engine parse each FEEL expression once. Camunda's {@link ScalaFeelEngine} hands the
 * expression text to the FEEL engine on every evaluation, which parses it again
 * (camunda/feel-scala#1149): for a decision table that is every input entry of every rule, each
 * time a lead is scored. Here the engine keeps the parsed expressions, keyed by their text, and
 * evaluates them against each call's variables, so the semantics stay those of the FEEL engine
 * itself. Expressions come from deployed decisions, so the set is small; the cache is bounded anyway
 * (least recently used out) because every deployment may bring new ones. Not installed when the
 * legacy JUEL-based FEEL is switched on.
 */
@Component
public class FeelExpressionCache extends AbstractProcessEnginePlugin {

  /** Distinct expressions kept per kind (expressions, unary tests): thousands of decision-table cells. */
  static final int CAPACITY = 5000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isDmnFeelEnableLegacyBehavior()) {
      return;
    }
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setDmnEngineConfiguration(parsingOnce(dmn));
  }

  /** The given DMN configuration with a FEEL engine that parses each expression once. */
  public static DefaultDmnEngineConfiguration parsingOnce(DefaultDmnEngineConfiguration dmn) {
    // the process engine sets the custom function providers after this, so read them when the engine is built
    dmn.setFeelEngineFactory(() -> new ParsingOnceScalaFeelEngine(dmn.getFeelCustomFunctionProviders()));
    return dmn;
  }

  /** Camunda's FEEL integration (value mappers, custom functions), on a FEEL engine that caches parsing. */
  static final class ParsingOnceScalaFeelEngine extends ScalaFeelEngine {

    ParsingOnceScalaFeelEngine(List<FeelCustomFunctionProvider> customFunctionProviders) {
      super(customFunctionProviders == null ? List.of() : customFunctionProviders);
    }

    @Override
    protected FeelEngine buildFeelEngine(CustomFunctionTransformer customFunctions,
        ValueMapper.CompositeValueMapper valueMapper) {
      return new ParsingOnceFeelEngine(customFunctions, valueMapper);
    }

    int cachedExpressions() {
      return ((ParsingOnceFeelEngine) feelEngine).cachedExpressions();
    }
  }

  /**
   * The FEEL engine with its two parse steps remembered. Its evaluate methods call these (text →
   * parse → evaluate), so every evaluation path goes through the cache. Parsed expressions are
   * immutable syntax trees; a failed parse is kept too, so a broken cell fails the same way each time.
   */
  static final class ParsingOnceFeelEngine extends FeelEngine {

    private final Map<String, camundajar.impl.scala.util.Either<Failure, ParsedExpression>> expressions =
        leastRecentlyUsed();
    private final Map<String, camundajar.impl.scala.util.Either<Failure, ParsedExpression>> unaryTests =
        leastRecentlyUsed();

    ParsingOnceFeelEngine(CustomFunctionTransformer customFunctions, ValueMapper valueMapper) {
      // what ScalaFeelEngine builds: its functions and value mappers, external (Java) functions off
      super(customFunctions, valueMapper, new Configuration(false), FeelEngine.defaultClock());
    }

    @Override
    public camundajar.impl.scala.util.Either<Failure, ParsedExpression> parseExpression(String expression) {
      return parsed(expressions, expression, super::parseExpression);
    }

    @Override
    public camundajar.impl.scala.util.Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
      return parsed(unaryTests, expression, super::parseUnaryTests);
    }

    int cachedExpressions() {
      return expressions.size() + unaryTests.size();
    }

    private static camundajar.impl.scala.util.Either<Failure, ParsedExpression> parsed(
        Map<String, camundajar.impl.scala.util.Either<Failure, ParsedExpression>> cache, String expression,
        Function<String, camundajar.impl.scala.util.Either<Failure, ParsedExpression>> parse) {
      var known = cache.get(expression);
      if (known != null) {
        return known;
      }
      // parsed outside the lock; two threads parsing the same new text at once both get a correct tree
      var result = parse.apply(expression);
      cache.put(expression, result);
      return result;
    }

    private static <V> Map<String, V> leastRecentlyUsed() {
      return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
          return size() > CAPACITY;
        }
      });
    }
  }
}
