package io.crmflow.quote;

import static io.crmflow.quote.QuoteApprovalProcess.QUOTE_ID;

import io.crmflow.messaging.TemplateModelContributor;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Adds the quote (line items, totals, discount, validity, rejection reason) and its coupon to the
 * model of every message sent by a process that carries a quoteId. Values are read from crm_quote
 * at send time and never written to process variables. Amounts are plain strings with two
 * decimals, dates ISO (yyyy-MM-dd, UTC), so a stored model renders the same later.
 */
@Component
class QuoteTemplateModel implements TemplateModelContributor {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final QuoteService quotes;
  private final Coupons coupons;

  QuoteTemplateModel(QuoteService quotes, Coupons coupons) {
    this.quotes = quotes;
    this.coupons = coupons;
  }

  @Override
  public void contribute(DelegateExecution execution, Map<String, Object> model) {
    String quoteId = QUOTE_ID.getOrNull(execution);
    if (quoteId == null) {
      return;
    }
    Quote quote = quotes.get(quoteId);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", quote.id());
    values.put("status", quote.status().name());
    values.put("lines", quote.lineItems().stream().map(QuoteTemplateModel::line).toList());
    values.put("itemCount", quote.lineItems().size());
    values.put("subtotal", quote.subtotal().toPlainString());
    values.put("discountPercent", quote.discountPercent().stripTrailingZeros().toPlainString());
    values.put("discountAmount", quote.discountAmount().toPlainString());
    values.put("total", quote.total().toPlainString());
    values.put("validUntil", quote.validUntil() == null ? null : DATE.format(quote.validUntil()));
    values.put("rejectionReason", quote.rejectionReason());
    values.put("rejectedBy", quote.rejectedBy());
    model.put("quote", values);
    coupons.forQuote(quoteId).ifPresent(coupon -> model.put("coupon", Map.of(
        "code", coupon.code(),
        "discountPercent", coupon.discountPercent().stripTrailingZeros().toPlainString(),
        "expiresAt", DATE.format(coupon.expiresAt()))));
  }

  private static Map<String, Object> line(QuoteLine line) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("lineNo", line.lineNo());
    values.put("product", line.product());
    values.put("quantity", line.quantity());
    values.put("unitPrice", line.unitPrice().toPlainString());
    values.put("lineTotal", line.lineTotal().toPlainString());
    return values;
  }
}
