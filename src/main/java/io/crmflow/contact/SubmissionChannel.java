package io.crmflow.contact;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a submission reached crmflow. */
public enum SubmissionChannel {
  /** {@code POST /api/leads}: a web form or another system. */
  API,
  /** {@code POST /api/contacts/import}: a row of a CSV file. */
  IMPORT,
  /** {@code POST /api/cases}: the person asked support for help. */
  CASE;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
