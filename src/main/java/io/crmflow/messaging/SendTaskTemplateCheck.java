package io.crmflow.messaging;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Refuses to deploy a process whose send task names a message template that does not exist:
 * a typo in Modeler fails the deployment, not a customer's email weeks later.
 */
@Component
class SendTaskTemplateCheck extends AbstractProcessEnginePlugin {

  private static final String SEND_DELEGATE = "${sendMessageDelegate}";

  private final MailTemplates templates;

  SendTaskTemplateCheck(MailTemplates templates) {
    this.templates = templates;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        check(element);
      }

      @Override
      public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        check(element);
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }

  private void check(Element task) {
    if (!SEND_DELEGATE.equals(task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression"))) {
      return;
    }
    String template = field(task, "template");
    if (template == null || template.contains("${")) {
      return; // an expression is resolved at run time
    }
    if (!templates.exists(template)) {
      throw new IllegalArgumentException("Send task '" + task.attribute("id") + "' names the message template '"
          + template + "', which does not exist under templates/mail/ (" + template + "_en.html)");
    }
  }

  private static String field(Element task, String name) {
    Element extensions = task.element("extensionElements");
    if (extensions == null) {
      return null;
    }
    for (Element field : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "field")) {
      if (name.equals(field.attribute("name"))) {
        String value = field.attribute("stringValue");
        Element string = field.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "string");
        return value != null ? value : string == null ? null : string.getText().strip();
      }
    }
    return null;
  }
}
