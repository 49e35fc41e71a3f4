package io.crmflow.messaging;

import io.crmflow.contact.ContactLocale;
import java.util.Map;

/**
 * One message to one recipient, as a process step asks for it.
 *
 * @param messageKey    identifies the step visit that sends it; the same on every retry of that step
 * @param recipientKind contact, user or group member
 * @param address       email address or E.164 phone number
 * @param marketingConsent the contact agreed to marketing on this channel (email or SMS consent)
 * @param contactId     the contact the message goes to or is about (a staff notification about a record)
 * @param model         values for the template (escaped when rendered)
 */
public record OutgoingMessage(
    Channel channel,
    String template,
    MessageCategory category,
    String messageKey,
    String messageId,
    String recipientKind,
    String address,
    String displayName,
    ContactLocale locale,
    boolean marketingConsent,
    String contactId,
    String recordType,
    String recordId,
    String processInstanceId,
    String activityId,
    Map<String, Object> model) {
}
