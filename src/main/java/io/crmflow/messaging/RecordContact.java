package io.crmflow.messaging;

/**
 * The record a process works on and the contact (person) it is about, as messaging needs them: the
 * person's details are read from their contact when a message is sent.
 *
 * @param recordType e.g. "lead"; with recordId, what the message log says the message concerns
 */
public record RecordContact(String recordType, String recordId, String contactId) {
}
