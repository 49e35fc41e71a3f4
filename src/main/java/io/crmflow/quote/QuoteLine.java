package io.crmflow.quote;

import java.math.BigDecimal;

/** One line of a quote; {@code lineTotal} = quantity × unit price. */
public record QuoteLine(int lineNo, String product, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
}
