package io.crmflow.messaging;

/**
 * The person a record (lead, case…) is about, as messaging needs them.
 *
 * @param recordType e.g. "lead"; with recordId, what the message log says the message concerns
 */
public record Contact(String recordType, String recordId, String name, String email, String phone,
                      String company, ContactLocale locale, boolean marketingConsent) {
}
