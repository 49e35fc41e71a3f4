package io.crmflow.quote;

import io.crmflow.web.NoControlCharacters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** The body of {@code POST /api/opportunities/{id}/quotes}. */
public record QuoteRequest(
    @NotEmpty @Size(max = QuoteRequest.MAX_ITEMS) List<@NotNull @Valid LineItem> lineItems,
    @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal discountPercent,
    @Min(1) @Max(365) Integer validityDays) {

  static final int MAX_ITEMS = 100;

  public record LineItem(
      @NotBlank @Size(max = 200) @NoControlCharacters String product,
      @NotNull @Min(1) @Max(100_000) Integer quantity,
      @NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 2) BigDecimal unitPrice) {
  }
}
