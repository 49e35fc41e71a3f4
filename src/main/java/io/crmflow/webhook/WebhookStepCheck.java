package io.crmflow.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Checks each "Call webhook" step when its model is deployed: its {@code endpoint} must be configured and its
 * {@code payload} one crmflow builds, or the deployment fails — a typo in Modeler shows at once, not at the
 * first deal. A step without a retry time cycle of its own gets {@code crmflow.webhooks.retry-intervals}.
 */
@Component
class WebhookStepCheck extends AbstractProcessEnginePlugin {

  private static final String DELEGATE = "${callWebhookDelegate}";

  private final WebhookProperties properties;

  WebhookStepCheck(WebhookProperties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    String retryIntervals = properties.retryIntervals().stream().map(Duration::toString)
        .collect(Collectors.joining(","));
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        check(element, activity);
      }

      @Override
      public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        check(element, activity);
      }

      private void check(Element task, ActivityImpl activity) {
        if (!DELEGATE.equals(task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression"))) {
          return;
        }
        String endpoint = inputParameter(task, CallWebhookDelegate.ENDPOINT);
        String payload = inputParameter(task, CallWebhookDelegate.PAYLOAD);
        if (endpoint == null || payload == null) {
          throw new IllegalArgumentException("Webhook step '" + task.attribute("id")
              + "' needs the input parameters 'endpoint' and 'payload' (the Call webhook element template)");
        }
        if (!endpoint.contains("${") && !properties.endpoints().containsKey(endpoint)) {
          throw new IllegalArgumentException("Webhook step '" + task.attribute("id") + "' names the endpoint '"
              + endpoint + "', which is not configured (crmflow.webhooks.endpoints." + endpoint + ".url); configured: "
              + properties.endpoints().keySet());
        }
        if (!payload.contains("${") && !WebhookPayloads.NAMES.contains(payload)) {
          throw new IllegalArgumentException("Webhook step '" + task.attribute("id") + "' sends the payload '"
              + payload + "'; crmflow builds " + WebhookPayloads.NAMES);
        }
        // after DefaultFailedJobParseListener: a cycle set in the model stays
        if (activity.getProperty(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION.getName()) == null) {
          activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
              new FailedJobRetryConfiguration(configuration.getExpressionManager().createExpression(retryIntervals)));
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  private static String inputParameter(Element task, String name) {
    Element extensions = task.element("extensionElements");
    Element inputOutput = extensions == null ? null
        : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput");
    if (inputOutput == null) {
      return null;
    }
    return inputOutput.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter").stream()
        .filter(parameter -> name.equals(parameter.attribute("name")))
        .map(parameter -> parameter.getText().strip())
        .findFirst().orElse(null);
  }
}
