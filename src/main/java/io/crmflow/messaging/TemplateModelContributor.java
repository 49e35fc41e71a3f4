package io.crmflow.messaging;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Adds a record's data (a quote's line items, a case's number and resolution) to the model a
 * message template is rendered with. Each capability that owns records provides one; it adds
 * nothing for processes that do not carry its record's id. Rendered values stay out of
 * process variables, where personal data must not go.
 */
public interface TemplateModelContributor {

  void contribute(DelegateExecution execution, Map<String, Object> model);
}
