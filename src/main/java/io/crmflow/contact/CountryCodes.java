package io.crmflow.contact;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, one spelling: trimmed, in capitals ({@code DE}). */
public final class CountryCodes {

  private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

  private CountryCodes() {
  }

  /** Trimmed and upper-cased ({@code " de"} → {@code DE}); blank → null. */
  public static String normalise(String value) {
    return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
  }

  static boolean isKnown(String code) {
    return code != null && CODES.contains(code);
  }
}
