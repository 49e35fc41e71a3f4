package io.crmflow.lead;

import io.crmflow.contact.ContactDetails;
import io.crmflow.contact.ContactLocale;
import io.crmflow.contact.CountryCode;
import io.crmflow.contact.PhoneNumber;
import io.crmflow.web.NoControlCharacters;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /api/leads}, as a web form or another system sends it. */
public record LeadSubmission(
    @NotBlank @Size(max = 200) @NoControlCharacters String name,
    @NotBlank @Size(max = 254) @NoControlCharacters
    @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a well-formed email address")
    String email,
    @Size(max = 40) @NoControlCharacters @PhoneNumber String phone,
    @Size(max = 200) @NoControlCharacters String company,
    @PositiveOrZero Integer companySize,
    @PositiveOrZero @DecimalMax("9999999999999.99") BigDecimal budget,
    LeadSource source,
    ContactLocale locale,
    Boolean marketingConsent,
    Boolean smsConsent,
    @CountryCode String country) {

  /** The names of the fields the caller filled in, for the audit log (never their values). */
  List<String> submittedFields() {
    List<String> fields = new ArrayList<>();
    Object[] values = {name, email, phone, company, companySize, budget, source, locale, marketingConsent,
        smsConsent, country};
    String[] names = {"name", "email", "phone", "company", "companySize", "budget", "source", "locale",
        "marketingConsent", "smsConsent", "country"};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        fields.add(names[i]);
      }
    }
    return fields;
  }

  /** What the submission says about the person, for their contact; the phone in E.164. */
  ContactDetails contactDetails() {
    return new ContactDetails(email, name, LeadService.phone(phone), company, locale, marketingConsent, smsConsent);
  }
}
