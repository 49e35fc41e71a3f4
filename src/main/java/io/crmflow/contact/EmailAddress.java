package io.crmflow.contact;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * An email address, and the one rule by which crmflow decides that two addresses are the same
 * person's: Unicode NFC, surrounding white space removed ({@link String#strip()}, which also knows
 * Unicode spaces such as U+3000), lower case. Contacts, suppressions, exports and erasure all compare
 * addresses through {@link #normalized()}.
 *
 * @param value the address as the person wrote it (stripped)
 */
public record EmailAddress(String value) {

  public EmailAddress {
    Objects.requireNonNull(value, "email address");
    value = value.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("must not be blank");
    }
  }

  public static EmailAddress of(String value) {
    return new EmailAddress(value);
  }

  /** The form addresses are compared and stored for lookup in. */
  public String normalized() {
    return normalize(value);
  }

  public static String normalize(String address) {
    return Normalizer.normalize(address, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
  }

  /** The shape every address crmflow accepts has (the same as the {@code @Email} checks of its requests). */
  private static final java.util.regex.Pattern WELL_FORMED = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  public static boolean isWellFormed(String address) {
    return address != null && WELL_FORMED.matcher(address.strip()).matches();
  }

  /** Whether the text names an address rather than a record id (path variables accept both). */
  public static boolean looksLikeAddress(String text) {
    return text != null && text.indexOf('@') > 0;
  }

  @Override
  public String toString() {
    return value;
  }
}
