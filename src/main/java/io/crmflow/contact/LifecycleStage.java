package io.crmflow.contact;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How far a person has come with the company. Set by the processes, forward only: a qualified lead's
 * contact becomes an {@code opportunity}, an accepted quote's a {@code customer}.
 */
public enum LifecycleStage {
  LEAD, OPPORTUNITY, CUSTOMER;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
