package io.crmflow.contact;

import java.util.regex.Pattern;

/**
 * Removes email addresses and international phone numbers from text bound for logs and engine
 * tables (exception messages of failed jobs end up in both): an SMTP server's or SMS provider's
 * error often quotes the recipient.
 */
public final class Redaction {

  private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");
  private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d\\s().-]{5,}\\d");

  private Redaction() {
  }

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    return PHONE.matcher(EMAIL.matcher(text).replaceAll("<address>")).replaceAll("<phone>");
  }
}
