package io.crmflow.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Kept for running instances of lead-intake 1.3.0 and older, whose model calls this bean when they
 * end: those versions freed the lead's address for a new intake here. Since 1.4.0 a person is
 * recognised by their contact and an open lead, so an ending intake has nothing to free.
 */
@Component
class LeadIntakeEndedListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    // nothing to free: see the class comment
  }
}
