package io.crmflow.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.webhook.WebhookProperties.Endpoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * The "Call webhook" step (bpmn/element-templates/call-webhook.json): sends the process's record, as its
 * {@code payload} parameter names it, to the endpoint its {@code endpoint} parameter names. 2xx: done. 429, 5xx,
 * a timeout: the job fails and is retried, then an incident in Cockpit. Any other 4xx: BPMN error
 * {@value #ERROR_REJECTED}, which the model may catch.
 *
 * <p>The {@code webhook-id} is the step's job: the same for every attempt of this step (a retry, or a run after a
 * crash between sending and committing), another for the next step or instance, so a receiver drops repeats.
 */
@Component("callWebhookDelegate")
class CallWebhookDelegate implements JavaDelegate {

  static final String ERROR_REJECTED = "WebhookRejected";
  static final String ENDPOINT = "endpoint";
  static final String PAYLOAD = "payload";

  private final WebhookProperties properties;
  private final WebhookPayloads payloads;
  private final WebhookClient client;
  private final ObjectMapper objectMapper;

  CallWebhookDelegate(WebhookProperties properties, WebhookPayloads payloads, WebhookClient client,
      ObjectMapper objectMapper) {
    this.properties = properties;
    this.payloads = payloads;
    this.client = client;
    this.objectMapper = objectMapper;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String endpointName = (String) execution.getVariableLocal(ENDPOINT);
    String payload = (String) execution.getVariableLocal(PAYLOAD);
    Endpoint endpoint = properties.endpoints().get(endpointName);
    if (endpoint == null) {
      // deployment refuses unknown names (WebhookStepCheck): this one was removed from the configuration since
      throw new IllegalStateException("No webhook endpoint '" + endpointName + "' is configured");
    }
    WebhookClient.Answer answer = client.deliver(endpoint, "msg_" + jobId(execution),
        body(execution, payload, payloads.snapshot(payload, execution.getProcessBusinessKey())));
    if (!answer.delivered()) {
      throw new BpmnError(ERROR_REJECTED, "Webhook endpoint '" + endpointName + "' refused the delivery with "
          + answer.status());
    }
  }

  /** The Standard Webhooks envelope: type, timestamp and the record as data, with the step that sent it. */
  private String body(DelegateExecution execution, String payload, Object record) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("process", ((ExecutionEntity) execution).getProcessDefinition().getKey());
    step.put("processInstanceId", execution.getProcessInstanceId());
    step.put("activityId", execution.getCurrentActivityId());
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("type", payload);
    envelope.put("timestamp", Instant.now().toString());
    envelope.put("step", step);
    envelope.put("data", record);
    try {
      return objectMapper.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The " + payload + " could not be written as JSON", e);
    }
  }

  /** The job running this step (the engine keeps it in the command's context while it runs). */
  private static String jobId(DelegateExecution execution) {
    JobEntity job = Context.getCommandContext().getCurrentJob();
    if (job == null) {
      throw new IllegalStateException("Webhook step '" + execution.getCurrentActivityId() + "' runs as a job "
          + "(asyncBefore, as the element template sets): its job's id is the webhook-id, the same on every retry");
    }
    return job.getId();
  }
}
