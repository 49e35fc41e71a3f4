package io.crmflow.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;

/** Phone number checks and normalisation with libphonenumber, so every stored and sent number is E.164. */
public final class PhoneNumbers {

  static final String INVALID = "must be a valid phone number, e.g. +49 30 1234567";

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {
  }

  /**
   * @param raw as a person typed it: "+49 30 1234567", "(202) 555-0143"
   * @param defaultRegion ISO 3166 region ("US") for numbers without a leading {@code +}; null accepts only
   *     international numbers
   * @return the number in E.164, e.g. "+49301234567"
   * @throws IllegalArgumentException if it is not a valid number (the message never repeats the input)
   */
  public static String toE164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException(INVALID);
    }
    Phonenumber.PhoneNumber number;
    try {
      number = UTIL.parse(raw, defaultRegion);
    } catch (NumberParseException e) {
      throw new IllegalArgumentException(INVALID, e);
    }
    if (!UTIL.isValidNumber(number)) {
      throw new IllegalArgumentException(INVALID);
    }
    return UTIL.format(number, PhoneNumberFormat.E164);
  }
}
