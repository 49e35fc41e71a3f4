package io.crmflow.quote;

import io.crmflow.shared.ConflictException;
import io.crmflow.shared.NotFoundException;
import io.crmflow.shared.RecordType;
import static io.crmflow.quote.QuoteApprovalProcess.DISCOUNT_PERCENT;
import static io.crmflow.quote.QuoteApprovalProcess.ITEM_COUNT;
import static io.crmflow.quote.QuoteApprovalProcess.ITEM_SUMMARY;
import static io.crmflow.quote.QuoteApprovalProcess.LEAD_ID;
import static io.crmflow.quote.QuoteApprovalProcess.OPPORTUNITY_ID;
import static io.crmflow.quote.QuoteApprovalProcess.OPPORTUNITY_OWNER;
import static io.crmflow.quote.QuoteApprovalProcess.QUOTE_ID;
import static io.crmflow.quote.QuoteApprovalProcess.QUOTE_OWNER;
import static io.crmflow.quote.QuoteApprovalProcess.TOTAL;
import static io.crmflow.quote.QuoteApprovalProcess.VALIDITY_DAYS;

import io.crmflow.opportunity.Opportunity;
import io.crmflow.opportunity.OpportunityChangeMessages;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.opportunity.OpportunityStatus;
import io.crmflow.process.RecordChange;
import io.crmflow.web.Page;
import io.crmflow.web.Paging;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Quotes and their approval: the quote rows and the process working on them commit together. */
@Service
public class QuoteService {

  private static final Logger log = LoggerFactory.getLogger(QuoteService.class);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** The approval form shows at most this much of the item list; the quote holds all of it. */
  static final int MAX_SUMMARY_LENGTH = 2000;
  /** How long an answer arriving while its quote's email job commits waits for it, and how often it looks. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
  static final Duration ANSWER_RETRY = Duration.ofMillis(100);
  static final String UNDELIVERABLE_REASON = "The quote email could not be delivered to the customer's address.";

  private final QuoteRepository quotes;
  private final Coupons coupons;
  private final OpportunityService opportunities;
  private final RuntimeService runtimeService;
  private final QuoteSettings settings;
  private final ApplicationEventPublisher events;

  QuoteService(QuoteRepository quotes, Coupons coupons, OpportunityService opportunities,
      RuntimeService runtimeService, QuoteSettings settings, ApplicationEventPublisher events) {
    this.quotes = quotes;
    this.coupons = coupons;
    this.opportunities = opportunities;
    this.runtimeService = runtimeService;
    this.settings = settings;
    this.events = events;
  }

  /**
   * Stores the quote, starts its approval and publishes {@code Opportunity.QuoteCreated}. 404 for an unknown opportunity; 409 when it is no
   * longer open or already has a quote in approval or sent. Of two racing requests the second
   * fails on uk_crm_quote_active; retried, it then gets the 409.
   */
  @Transactional
  public Quote create(String opportunityId, QuoteRequest request, String owner) {
    Opportunity opportunity = opportunities.get(opportunityId);
    if (opportunity.status() != OpportunityStatus.OPEN) {
      throw new ConflictException("Opportunity " + opportunityId + " is " + opportunity.status()
          + "; quotes are made for open opportunities only");
    }
    quotes.findActive(opportunityId).ifPresent(active -> {
      throw new ConflictException("Opportunity " + opportunityId + " already has quote " + active.id() + " ("
          + active.status() + "); wait for its outcome");
    });
    Quote quote = price(UUID.randomUUID().toString(), opportunity, owner, request);
    quotes.insert(quote);
    Map<String, Object> variables = new HashMap<>();
    QUOTE_ID.putInto(variables, quote.id());
    OPPORTUNITY_ID.putInto(variables, opportunityId);
    LEAD_ID.putInto(variables, opportunity.leadId());
    QUOTE_OWNER.putInto(variables, owner);
    OPPORTUNITY_OWNER.putInto(variables, opportunity.owner());
    DISCOUNT_PERCENT.putInto(variables, quote.discountPercent().doubleValue());
    TOTAL.putInto(variables, quote.total().doubleValue());
    ITEM_COUNT.putInto(variables, quote.lineItems().size());
    ITEM_SUMMARY.putInto(variables, summary(quote));
    VALIDITY_DAYS.putInto(variables, quote.validityDays());
    String processInstanceId = runtimeService
        .startProcessInstanceByKey(QuoteApprovalProcess.KEY, quote.id(), variables).getId();
    quotes.recordProcessInstance(quote.id(), processInstanceId);
    // the deal moves on: e.g. the opportunity's "Follow up" task ends
    events.publishEvent(RecordChange.of(RecordType.OPPORTUNITY, OpportunityChangeMessages.QUOTE_CREATED, opportunityId)
        .with("quoteId", quote.id()).with("owner", opportunity.owner()));
    log.info("Quote {} for opportunity {} created by {}; approval {} started", quote.id(), opportunityId, owner,
        processInstanceId);
    return get(quote.id());
  }

  public Quote get(String quoteId) {
    return quotes.findById(quoteId).orElseThrow(() -> new NotFoundException(RecordType.QUOTE, quoteId));
  }

  /** The quote its quote-approval instance works on (its emails are logged with that instance). */
  public Optional<Quote> findByProcessInstance(String processInstanceId) {
    return quotes.findByProcessInstance(processInstanceId);
  }

  /** One page of the quotes the filter matches ({@code GET /api/quotes}, the workspace's quote list). */
  public Page<QuoteSummary> list(QuoteFilter filter, Paging paging) {
    return quotes.list(filter, paging);
  }

  public List<Quote> forOpportunity(String opportunityId) {
    opportunities.get(opportunityId);
    return quotes.forOpportunity(opportunityId);
  }

  /**
   * The customer's answer to a sent quote, delivered to its approval as message QuoteAccepted or
   * QuoteDeclined; the process records the outcome before this returns. 409 unless the quote is
   * sent and still valid. The row lock makes a second answer wait and then see the first one's outcome.
   */
  @Transactional
  public Quote answer(String quoteId, boolean accepted) {
    Quote quote = quotes.lock(quoteId).orElseThrow(() -> new NotFoundException(RecordType.QUOTE, quoteId));
    if (quote.status() != QuoteStatus.SENT) {
      throw new ConflictException("Quote " + quoteId + " is " + quote.status() + "; only a sent quote can be "
          + (accepted ? "accepted" : "declined"));
    }
    if (quote.validUntil() != null && !quote.validUntil().isAfter(Instant.now())) {
      throw new ConflictException("Quote " + quoteId + " expired at " + quote.validUntil());
    }
    String message = accepted ? QuoteApprovalProcess.MESSAGE_QUOTE_ACCEPTED : QuoteApprovalProcess.MESSAGE_QUOTE_DECLINED;
    for (int attempt = 1; !correlate(message, quoteId); attempt++) {
      // SENT is committed before "Send quote" runs; the job that sends the email goes on to wait for the
      // answer in the same transaction. A customer answering while that job commits waits a moment.
      if (attempt * ANSWER_RETRY.toMillis() >= ANSWER_WAIT.toMillis()) {
        throw new ConflictException("Quote " + quoteId + " is not waiting for the customer's answer yet; it is "
            + "being sent — try again in a few seconds");
      }
      pause(ANSWER_RETRY);
    }
    log.info("Quote {} {} by the customer", quoteId, accepted ? "accepted" : "declined");
    return get(quoteId);
  }

  /**
   * Delivers the answer if the approval waits for it. Looks before correlating: a correlation that finds
   * no waiting instance throws inside this transaction, and Camunda's Spring integration then marks the
   * whole transaction rollback-only, so the answer would fail at commit even after a later try succeeded.
   */
  private boolean correlate(String message, String quoteId) {
    boolean waiting = runtimeService.createExecutionQuery().processInstanceBusinessKey(quoteId)
        .messageEventSubscriptionName(message).count() > 0;
    if (waiting) {
      runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(quoteId).correlateWithResult();
    }
    return waiting;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConflictException("Interrupted while waiting for the quote to be sent");
    }
  }

  /** "Reject quote": an approver said no; the reason was recorded when the form was completed. */
  @Transactional
  public void reject(String quoteId) {
    move(quoteId, EnumSet.of(QuoteStatus.IN_APPROVAL), QuoteStatus.REJECTED);
  }

  /**
   * "Mark quote sent": the quote is approved and goes to the customer; it is valid from now for
   * its own validity days or crmflow.quotes.validity.
   *
   * @return when it expires
   */
  @Transactional
  public Instant markSent(String quoteId) {
    Quote quote = get(quoteId);
    if (move(quoteId, EnumSet.of(QuoteStatus.IN_APPROVAL), QuoteStatus.SENT)) {
      Instant validUntil = settings.validUntil(Instant.now(), quote.validityDays());
      quotes.markSent(quoteId, validUntil);
      return validUntil;
    }
    return quote.validUntil();
  }

  /**
   * "Withdraw undeliverable quote": the customer's address refused the quote email for good. The
   * quote counts as rejected, with that as its reason, so the owner is told and may quote again.
   */
  @Transactional
  public void withdrawUndeliverable(String quoteId) {
    if (move(quoteId, EnumSet.of(QuoteStatus.SENT), QuoteStatus.REJECTED)) {
      quotes.recordRejection(quoteId, UNDELIVERABLE_REASON, null);
    }
  }

  /** "Accept quote": the quote is accepted and its opportunity won. */
  @Transactional
  public void accept(String quoteId) {
    move(quoteId, EnumSet.of(QuoteStatus.SENT), QuoteStatus.ACCEPTED);
    opportunities.markWon(get(quoteId).opportunityId());
  }

  /** "Decline quote": the customer said no; the opportunity is lost. */
  @Transactional
  public void decline(String quoteId) {
    move(quoteId, EnumSet.of(QuoteStatus.SENT), QuoteStatus.DECLINED);
    opportunities.markLost(get(quoteId).opportunityId());
  }

  /** "Expire quote": nobody answered in time; the opportunity is lost. */
  @Transactional
  public void expire(String quoteId) {
    move(quoteId, EnumSet.of(QuoteStatus.SENT), QuoteStatus.EXPIRED);
    opportunities.markLost(get(quoteId).opportunityId());
  }

  /** Remembers an approver's rejection and why, in the quote (not in the process). */
  @Transactional
  public void recordRejection(String quoteId, String reason, String rejectedBy) {
    quotes.recordRejection(quoteId, reason, rejectedBy);
  }

  /** "Issue coupon": the accepted quote's one-time coupon; a retry gets the same one. */
  @Transactional
  public Coupons.Coupon issueCoupon(String quoteId) {
    return coupons.issueFor(quoteId, settings.getCouponDiscountPercent(),
        Instant.now().plus(settings.getCouponValidity()));
  }

  /**
   * {@code POST /api/coupons/{code}/redemption}: the customer uses their coupon on an order.
   *
   * @throws NotFoundException unknown code; {@link ConflictException} already redeemed or expired
   */
  @Transactional
  public Coupons.Coupon redeemCoupon(String code, String redeemedBy) {
    String normalized = code.strip().toUpperCase(java.util.Locale.ROOT);
    Coupons.Coupon coupon = coupons.find(normalized).orElseThrow(() -> new NotFoundException("Coupon", normalized));
    if (!coupons.redeem(normalized, redeemedBy, Instant.now())) {
      Coupons.Coupon now = coupons.find(normalized).orElseThrow();
      throw new ConflictException(now.redeemedAt() != null
          ? "Coupon " + normalized + " was redeemed at " + now.redeemedAt() + "; it can be used once"
          : "Coupon " + normalized + " expired at " + now.expiresAt());
    }
    log.info("Coupon {} of quote {} redeemed by {}", normalized, coupon.quoteId(), redeemedBy);
    return coupons.find(normalized).orElseThrow();
  }

  /**
   * Moves the quote; a retried step finds it moved already and changes nothing.
   *
   * @return whether it moved now
   */
  private boolean move(String quoteId, EnumSet<QuoteStatus> from, QuoteStatus to) {
    Quote quote = get(quoteId);
    if (quote.status() == to) {
      return false;
    }
    if (!quotes.updateStatus(quoteId, from, to)) {
      throw new IllegalStateException("Quote " + quoteId + " is " + quote.status() + ", cannot become " + to);
    }
    log.info("Quote {} is now {}", quoteId, to);
    return true;
  }

  /** Prices the request: line totals, subtotal, the discount rounded half-up to the cent, total. */
  static Quote price(String id, Opportunity opportunity, String owner, QuoteRequest request) {
    List<QuoteLine> lines = new ArrayList<>();
    BigDecimal subtotal = BigDecimal.ZERO.setScale(2);
    for (QuoteRequest.LineItem item : request.lineItems()) {
      BigDecimal unitPrice = item.unitPrice().setScale(2, RoundingMode.UNNECESSARY);
      BigDecimal lineTotal = unitPrice.multiply(BigDecimal.valueOf(item.quantity()));
      lines.add(new QuoteLine(lines.size() + 1, item.product().strip(), item.quantity(), unitPrice, lineTotal));
      subtotal = subtotal.add(lineTotal);
    }
    BigDecimal discountPercent = request.discountPercent().setScale(2, RoundingMode.UNNECESSARY);
    BigDecimal discountAmount = subtotal.multiply(discountPercent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    Instant now = Instant.now();
    return new Quote(id, opportunity.id(), opportunity.leadId(), opportunity.contactId(), owner,
        QuoteStatus.IN_APPROVAL, lines, subtotal,
        discountPercent, discountAmount, subtotal.subtract(discountAmount), request.validityDays(), null, null, null,
        null, now, now);
  }

  /** "3 × Support plan @ 100.00 = 300.00" per line, cut to fit the approval form. */
  static String summary(Quote quote) {
    StringBuilder summary = new StringBuilder();
    for (QuoteLine line : quote.lineItems()) {
      String text = line.quantity() + " × " + line.product() + " @ " + line.unitPrice().toPlainString() + " = "
          + line.lineTotal().toPlainString() + "\n";
      if (summary.length() + text.length() > MAX_SUMMARY_LENGTH - 40) {
        summary.append("… and ").append(quote.lineItems().size() - line.lineNo() + 1).append(" more items\n");
        break;
      }
      summary.append(text);
    }
    return summary.toString().strip();
  }
}
