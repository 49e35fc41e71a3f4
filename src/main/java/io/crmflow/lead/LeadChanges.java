package io.crmflow.lead;

import io.crmflow.contact.CountryCode;
import io.crmflow.contact.PhoneNumber;
import io.crmflow.web.NoControlCharacters;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Set;

/**
 * The body of {@code PATCH /api/leads/{id}} (JSON merge patch): only the fields present change;
 * a field present with null clears it (not allowed for name and status). Same rules as on POST.
 * Which fields were present is read from the JSON by the controller.
 */
public record LeadChanges(
    @Size(max = 200) @NoControlCharacters @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    String name,
    @Size(max = 40) @NoControlCharacters @PhoneNumber String phone,
    @Size(max = 200) @NoControlCharacters String company,
    @PositiveOrZero Integer companySize,
    @PositiveOrZero @DecimalMax("9999999999999.99") BigDecimal budget,
    LeadSource source,
    @CountryCode String country,
    @Size(max = 100) @NoControlCharacters String owner,
    LeadStatus status) {

  /** Field names in the order Lead.Updated lists them. */
  static final java.util.List<String> FIELDS = java.util.List.of("name", "phone", "company", "companySize", "budget",
      "source", "country", "owner", "status");
  /** Fields that cannot be cleared. */
  static final Set<String> REQUIRED = Set.of("name", "status");
  /** The person's details, kept on their contact: changing one corrects the contact. */
  static final Set<String> PERSON = Set.of("name", "phone", "company");
  /** Fields the lead-scoring decision reads: changing one re-scores the lead. */
  static final Set<String> SCORING = Set.of("source", "companySize", "budget");

}
