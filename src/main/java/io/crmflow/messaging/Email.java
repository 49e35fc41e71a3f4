package io.crmflow.messaging;

import java.util.Map;

/**
 * One email to send: a template rendered for one recipient.
 *
 * @param messageId a stable id for this message (the same on every retry), so a resend is recognisable
 */
public record Email(String to, String toName, String template, ContactLocale locale,
                    Map<String, Object> model, String messageId) {
}
