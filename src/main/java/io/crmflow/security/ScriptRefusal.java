package io.crmflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * No scripts run in crmflow: a deployment containing a script task, a camunda:script (listener,
 * input/output mapping) or a scripted condition is refused, and the engine has no script engine
 * to run one anyway. Deploying a model is then never a way to run arbitrary code on the server;
 * logic lives in Java delegates, expressions and DMN.
 */
@Component
class ScriptRefusal extends AbstractProcessEnginePlugin {

  private static final Set<String> CONDITIONS = Set.of("conditionExpression", "condition");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
        refuseScripts(root);
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
    configuration.setScriptEngineResolver(new NoScriptEngines());
  }

  static void refuseScripts(Element element) {
    String name = localName(element.getTagName());
    if (name.equals("scriptTask")) {
      throw new BpmnParseException("Script tasks are not allowed in crmflow ('" + element.attribute("id")
          + "'): use a service task with a Java delegate or a DMN table", element);
    }
    if (name.equals("script")) {
      throw new BpmnParseException("Scripts (camunda:script) are not allowed in crmflow: "
          + "use an expression or a Java delegate", element);
    }
    if (CONDITIONS.contains(name) && element.attribute("language") != null) {
      throw new BpmnParseException("Script conditions are not allowed in crmflow: use an expression", element);
    }
    for (Element child : element.elements()) {
      refuseScripts(child);
    }
  }

  private static String localName(String tagName) {
    int colon = tagName.indexOf(':');
    return colon < 0 ? tagName : tagName.substring(colon + 1);
  }

  /** Resolves no script language at all, should a script reach the engine by another way (e.g. DMN). */
  private static final class NoScriptEngines implements ScriptEngineResolver {

    private final ScriptEngineManager empty = new ScriptEngineManager(null) {
      @Override
      public ScriptEngine getEngineByName(String shortName) {
        return null;
      }
    };

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
      // none registered
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
      return empty;
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean useCache) {
      throw new ProcessEngineException("Scripts are disabled in crmflow (language '"
          + (language == null ? "" : language.toLowerCase(Locale.ROOT)) + "')");
    }
  }
}
