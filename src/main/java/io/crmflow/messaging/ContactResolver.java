package io.crmflow.messaging;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Finds "the record's contact" of a process instance; each capability that owns contacts
 * (leads, cases…) provides one, so the send task works in every process without new Java.
 */
public interface ContactResolver {

  Optional<Contact> contactOf(DelegateExecution execution);

  /** The contact of a record by type and id, for messages sent later (deferred) or unsubscribes. */
  Optional<Contact> contact(String recordType, String recordId);
}
