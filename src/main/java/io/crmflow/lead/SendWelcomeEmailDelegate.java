package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;

import io.crmflow.messaging.Email;
import io.crmflow.messaging.EmailSender;
import io.crmflow.messaging.MessageIds;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send welcome email": the lead's welcome, in its locale. Runs as its own job (async before and after). */
@Component
class SendWelcomeEmailDelegate implements JavaDelegate {

  private final LeadService leadService;
  private final EmailSender emailSender;

  SendWelcomeEmailDelegate(LeadService leadService, EmailSender emailSender) {
    this.leadService = leadService;
    this.emailSender = emailSender;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leadService.get(LEAD_ID.get(execution));
    Map<String, Object> model = new HashMap<>();
    model.put("name", lead.name());
    model.put("company", lead.company());
    emailSender.send(new Email(lead.email(), lead.name(), "welcome", lead.locale(), model, MessageIds.of(execution)));
  }
}
