package io.crmflow.quote;

import io.crmflow.contact.ContactRecords;
import io.crmflow.contact.Viewer;
import io.crmflow.security.CrmGroups;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The contact view's "quotes", for those who may read quotes. */
@Component
@Order(30)
class QuotesOfContact implements ContactRecords {

  private final QuoteRepository quotes;

  QuotesOfContact(QuoteRepository quotes) {
    this.quotes = quotes;
  }

  @Override
  public String name() {
    return "quotes";
  }

  @Override
  public Optional<Section> of(String contactId, Viewer viewer) {
    return ContactRecords.forReaders(viewer, CrmGroups.QUOTE_READERS, () -> quotes.forContact(contactId), Quote::id);
  }
}
