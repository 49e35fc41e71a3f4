package io.crmflow.inbound;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords of an SMS that is nothing but the keyword (any case, spaces around it): Twilio's standard
 * opt-out, opt-in and help words.
 */
enum SmsKeyword {
  OPT_OUT(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")),
  OPT_IN(Set.of("START", "UNSTOP")),
  HELP(Set.of("HELP"));

  private final Set<String> words;

  SmsKeyword(Set<String> words) {
    this.words = words;
  }

  static Optional<SmsKeyword> of(String body) {
    String word = body == null ? "" : body.strip().toUpperCase(Locale.ROOT);
    for (SmsKeyword keyword : values()) {
      if (keyword.words.contains(word)) {
        return Optional.of(keyword);
      }
    }
    return Optional.empty();
  }
}
