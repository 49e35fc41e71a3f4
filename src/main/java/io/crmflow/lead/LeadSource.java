package io.crmflow.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where a lead came from; the lead-scoring table gives points per source. */
public enum LeadSource {
  REFERRAL, WEBINAR, EVENT, WEBSITE, OTHER;

  @JsonValue
  public String code() {
    return name().toLowerCase();
  }

  @JsonCreator
  public static LeadSource fromCode(String code) {
    return Arrays.stream(values())
        .filter(source -> source.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "must be one of referral, webinar, event, website, other"));
  }
}
