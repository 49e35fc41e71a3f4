package io.crmflow.messaging;

import io.crmflow.security.StaffDirectory;
import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * The reusable "Send email" / "Send SMS" task (element templates in bpmn/element-templates/).
 * Its fields say what to send to whom: {@code channel} (email|sms), {@code template},
 * {@code recipientKind} (contact|user|group; by SMS a user or group member needs a mobile number in their
 * Camunda user info "phone"), {@code recipient} (user or group id) and
 * {@code category} (transactional|marketing). A permanently undeliverable message raises the BPMN
 * error MailUndeliverable / SmsUndeliverable; a suppressed or deferred one lets the process go on.
 * Prototype scope and public: Camunda injects the fields into the instance it resolves.
 */
@Component("sendMessageDelegate")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class SendMessageDelegate implements JavaDelegate {

  static final String RECIPIENT_CONTACT = "contact";
  static final String RECIPIENT_USER = "user";
  static final String RECIPIENT_GROUP = "group";

  private final MessageService messageService;
  private final ContactService contacts;
  private final List<TemplateModelContributor> modelContributors;
  private final StaffDirectory staff;

  private Expression channel;
  private Expression template;
  private Expression recipientKind;
  private Expression recipient;
  private Expression category;

  SendMessageDelegate(MessageService messageService, ContactService contacts,
      List<TemplateModelContributor> modelContributors, StaffDirectory staff) {
    this.messageService = messageService;
    this.contacts = contacts;
    this.modelContributors = modelContributors;
    this.staff = staff;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Channel channelValue = Channel.valueOf(text(channel, execution, "email").toUpperCase());
    String templateName = text(template, execution, null);
    MessageCategory categoryValue = MessageCategory.valueOf(text(category, execution, "transactional").toUpperCase());
    String kind = text(recipientKind, execution, RECIPIENT_CONTACT);
    try {
      switch (kind) {
        case RECIPIENT_CONTACT -> sendToContact(execution, channelValue, templateName, categoryValue);
        case RECIPIENT_USER -> sendToStaff(execution, channelValue, templateName, RECIPIENT_USER,
            List.of(reachableUser(text(recipient, execution, null), channelValue)));
        case RECIPIENT_GROUP -> sendToStaff(execution, channelValue, templateName, RECIPIENT_GROUP,
            staff.membersOf(text(recipient, execution, null)));
        default -> throw new IllegalStateException("Unknown recipientKind '" + kind + "'");
      }
    } catch (MessageUndeliverable e) {
      throw new BpmnError(e.errorCode(), e.getMessage());
    }
  }

  private void sendToContact(DelegateExecution execution, Channel channelValue, String templateName,
      MessageCategory categoryValue) {
    RecordContact record = messageService.recordContactOf(execution)
        .orElseThrow(() -> new IllegalStateException("No contact for process instance "
            + execution.getProcessInstanceId()));
    Contact contact = contacts.get(record.contactId());
    String address = channelValue == Channel.EMAIL ? contact.email() : contact.phone();
    if (address == null) {
      throw new MessageUndeliverable(channelValue, "The contact has no " + (channelValue == Channel.EMAIL
          ? "email address" : "phone number"), null);
    }
    Map<String, Object> model = processFacts(execution);
    model.put("name", contact.name());
    model.put("company", contact.company());
    String key = MessageKeys.of(execution);
    boolean consented = channelValue == Channel.EMAIL ? contact.marketingConsent() : contact.smsConsent();
    messageService.send(new OutgoingMessage(channelValue, templateName, categoryValue, key,
        MessageKeys.messageId(key), RECIPIENT_CONTACT, address, contact.name(), contact.locale(), consented,
        contact.id(), record.recordType(), record.recordId(), execution.getProcessInstanceId(),
        execution.getCurrentActivityId(), model));
  }

  /**
   * The user a step names, with an address on the channel: staff are texted at the mobile number in their
   * Camunda user info {@value StaffDirectory#PHONE_INFO_KEY}. Without one the message cannot go, as for a
   * contact without a number.
   */
  private StaffDirectory.StaffMember reachableUser(String userId, Channel channelValue) {
    StaffDirectory.StaffMember member = staff.user(userId)
        .orElseThrow(() -> new IllegalStateException("No user '" + userId + "' with an email address"));
    if (channelValue == Channel.SMS && member.phone() == null) {
      throw new MessageUndeliverable(Channel.SMS, "User " + userId + " has no mobile number (Camunda user info '"
          + StaffDirectory.PHONE_INFO_KEY + "')", null);
    }
    return member;
  }

  /** By SMS, the members of a group who have a mobile number; by email, all of them. */
  private void sendToStaff(DelegateExecution execution, Channel channelValue, String templateName,
      String kind, List<StaffDirectory.StaffMember> members) {
    List<StaffDirectory.StaffMember> reachable = channelValue == Channel.SMS
        ? members.stream().filter(member -> member.phone() != null).toList() : members;
    messageService.sendToGroup(execution, channelValue, templateName, reachable, kind, processFacts(execution));
  }

  /**
   * The instance's variables — ids and routing facts only, never personal data — plus what the
   * record's owner contributes, for templates to use.
   */
  private Map<String, Object> processFacts(DelegateExecution execution) {
    Map<String, Object> facts = new HashMap<>();
    execution.getVariables().forEach((name, value) -> {
      if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
        facts.put(name, value);
      }
    });
    facts.put("businessKey", execution.getBusinessKey());
    modelContributors.forEach(contributor -> contributor.contribute(execution, facts));
    return facts;
  }

  private static String text(Expression expression, DelegateExecution execution, String fallback) {
    Object value = expression == null ? null : expression.getValue(execution);
    String text = value == null ? null : value.toString().strip();
    if (text == null || text.isEmpty()) {
      if (fallback == null) {
        throw new IllegalStateException("Send task field missing in " + execution.getCurrentActivityId());
      }
      return fallback;
    }
    return text;
  }

  public void setChannel(Expression channel) {
    this.channel = channel;
  }

  public void setTemplate(Expression template) {
    this.template = template;
  }

  public void setRecipientKind(Expression recipientKind) {
    this.recipientKind = recipientKind;
  }

  public void setRecipient(Expression recipient) {
    this.recipient = recipient;
  }

  public void setCategory(Expression category) {
    this.category = category;
  }
}
