package io.crmflow.quote;

import io.crmflow.contact.ContactMergeParticipant;
import org.springframework.stereotype.Component;

/** Merging two contacts: the duplicate's quotes become the survivor's. */
@Component
class QuoteContactMerge implements ContactMergeParticipant {

  private final QuoteRepository quotes;

  QuoteContactMerge(QuoteRepository quotes) {
    this.quotes = quotes;
  }

  @Override
  public void merge(String survivorId, String duplicateId) {
    quotes.moveToContact(duplicateId, survivorId);
  }
}
