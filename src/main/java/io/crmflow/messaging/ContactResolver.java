package io.crmflow.messaging;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Finds "the record's contact" of a process instance; each capability that owns records about
 * people (leads, cases…) provides one, so the send task works in every process without new Java.
 */
public interface ContactResolver {

  Optional<RecordContact> contactOf(DelegateExecution execution);
}
