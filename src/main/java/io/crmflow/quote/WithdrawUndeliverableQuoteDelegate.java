package io.crmflow.quote;

import static io.crmflow.quote.QuoteApprovalProcess.QUOTE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Withdraw undeliverable quote": after a permanent SMTP failure the quote is no longer open. */
@Component
class WithdrawUndeliverableQuoteDelegate implements JavaDelegate {

  private final QuoteService quoteService;

  WithdrawUndeliverableQuoteDelegate(QuoteService quoteService) {
    this.quoteService = quoteService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    quoteService.withdrawUndeliverable(QUOTE_ID.get(execution));
  }
}
