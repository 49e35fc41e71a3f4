package io.crmflow.lead;

import static io.crmflow.lead.StaleLeadSweepProcess.INACTIVE_LEAD_COUNT;
import static io.crmflow.lead.StaleLeadSweepProcess.OVERDUE_REVIEW_COUNT;
import static io.crmflow.lead.StaleLeadSweepProcess.STALE_LEAD_COUNT;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Find stale leads": counts them; the names stay in the table until the digest is rendered. */
@Component
class FindStaleLeadsDelegate implements JavaDelegate {

  private final StaleLeads staleLeads;

  FindStaleLeadsDelegate(StaleLeads staleLeads) {
    this.staleLeads = staleLeads;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StaleLeads.Counts counts = staleLeads.count(Instant.now());
    OVERDUE_REVIEW_COUNT.set(execution, counts.overdueReviews());
    INACTIVE_LEAD_COUNT.set(execution, counts.inactiveLeads());
    STALE_LEAD_COUNT.set(execution, counts.total());
  }
}
