package io.crmflow.contact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The languages crmflow writes to customers in. */
public enum ContactLocale {
  EN("en"), ZH_CN("zh-CN");

  private final String tag;

  ContactLocale(String tag) {
    this.tag = tag;
  }

  @JsonValue
  public String tag() {
    return tag;
  }

  public Locale toLocale() {
    return Locale.forLanguageTag(tag);
  }

  @JsonCreator
  public static ContactLocale fromTag(String tag) {
    return Arrays.stream(values())
        .filter(locale -> locale.tag.equals(tag))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("must be one of en, zh-CN"));
  }
}
