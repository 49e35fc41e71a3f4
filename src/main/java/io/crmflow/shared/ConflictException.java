package io.crmflow.shared;

/** The request is well-formed but the record's state does not allow it now (a closed case, a decided quote). */
public final class ConflictException extends DomainException {

  public ConflictException(String detail) {
    super(detail);
  }
}
