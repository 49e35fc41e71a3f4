package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.RATING;
import static io.crmflow.lead.LeadIntakeProcess.SCORE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record score": stores the lead-scoring decision's result on the lead. */
@Component
class RecordScoreDelegate implements JavaDelegate {

  private final LeadService leadService;

  RecordScoreDelegate(LeadService leadService) {
    this.leadService = leadService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    leadService.recordScore(LEAD_ID.get(execution), SCORE.get(execution), RATING.get(execution));
  }
}
