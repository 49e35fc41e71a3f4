package io.crmflow.supportcase;

import io.crmflow.web.NoControlCharacters;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/cases}. Subject, name and order reference may reach mail headers
 * and logs, so they are single-line; the description may span lines.
 */
public record CaseSubmission(
    @NotBlank @Size(max = 254) @NoControlCharacters
    @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a well-formed email address")
    String customerEmail,
    @Size(max = 200) @NoControlCharacters String customerName,
    @NotBlank @Size(max = 200) @NoControlCharacters String subject,
    @NotBlank @Size(max = 10000) @MultiLineText String description,
    CaseCategory category,
    @Size(max = 100) @NoControlCharacters String orderReference,
    @DecimalMin(value = "0.00", inclusive = false) @DecimalMax("100000.00")
    @Digits(integer = 6, fraction = 2) BigDecimal refundAmount) {

  /** The names of the fields the caller filled in, for the audit log. */
  List<String> submittedFields() {
    List<String> fields = new ArrayList<>();
    Object[] values = {customerEmail, customerName, subject, description, category, orderReference, refundAmount};
    String[] names = {"customerEmail", "customerName", "subject", "description", "category", "orderReference",
        "refundAmount"};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        fields.add(names[i]);
      }
    }
    return fields;
  }

  CaseCategory categoryOrDefault() {
    return category == null ? CaseCategory.OTHER : category;
  }
}
