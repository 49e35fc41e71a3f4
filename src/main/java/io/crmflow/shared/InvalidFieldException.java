package io.crmflow.shared;

/** One input is not acceptable; {@code field} names it as the caller spelled it (a JSON field, a query parameter). */
public final class InvalidFieldException extends DomainException {

  private final String field;
  private final String reason;

  /** @param reason what is wrong, in words that follow the field's name: "must be a valid email address" */
  public InvalidFieldException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
