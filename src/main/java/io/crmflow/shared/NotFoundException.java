package io.crmflow.shared;

/** There is no such {@code what} (a record, a template, a task …). */
public final class NotFoundException extends DomainException {

  private final String what;

  /** @param what what was looked for, capitalised: "Lead", "Template" */
  public NotFoundException(String what, String id) {
    this(what, "No " + what.toLowerCase() + " with id " + id, true);
  }

  public NotFoundException(RecordType type, String id) {
    this(type.label(), id);
  }

  private NotFoundException(String what, String detail, boolean unused) {
    super(detail);
    this.what = what;
  }

  /** When the key looked for must not be repeated (it is personal data, such as an email address). */
  public static NotFoundException withDetail(String what, String detail) {
    return new NotFoundException(what, detail, true);
  }

  public String what() {
    return what;
  }
}
