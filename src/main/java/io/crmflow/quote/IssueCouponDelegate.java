package io.crmflow.quote;

import static io.crmflow.quote.QuoteApprovalProcess.QUOTE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Issue coupon": the accepted quote's one-time coupon; the code stays in crm_coupon, not in the process. */
@Component
class IssueCouponDelegate implements JavaDelegate {

  private final QuoteService quoteService;

  IssueCouponDelegate(QuoteService quoteService) {
    this.quoteService = quoteService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    quoteService.issueCoupon(QUOTE_ID.get(execution));
  }
}
