package io.crmflow.supportcase;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a case is about; the input the case-triage decision routes on. */
public enum CaseCategory {
  BILLING, TECHNICAL, ACCOUNT, OTHER;

  /** The lower-case code the API and the decision table use. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static CaseCategory fromCode(String code) {
    return Arrays.stream(values())
        .filter(category -> category.code().equalsIgnoreCase(code == null ? "" : code.strip()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("must be one of billing, technical, account, other"));
  }
}
