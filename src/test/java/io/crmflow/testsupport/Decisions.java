package io.crmflow.testsupport;

import io.crmflow.engine.FeelExpressionCache;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/** For decision tests: a DMN engine with the FEEL engine crmflow's process engine gives its decisions. */
public final class Decisions {

  private Decisions() {
  }

  public static DmnEngine engine() {
    return FeelExpressionCache.parsingOnce(
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration()).buildEngine();
  }
}
