package io.crmflow.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of CRM record, spelled one way wherever a table or a message names one: the audit log,
 * the message log, the Tasklist record panel ({@link #id()}); and in BPMN message names of record
 * changes, {@code Lead.StatusChanged} ({@link #label()}).
 */
public enum RecordType {
  CONTACT("contact", "Contact"),
  LEAD("lead", "Lead"),
  OPPORTUNITY("opportunity", "Opportunity"),
  QUOTE("quote", "Quote"),
  CASE("case", "Case");

  private final String id;
  private final String label;

  RecordType(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** Lower case, as stored: {@code lead}. */
  public String id() {
    return id;
  }

  /** The type named by its {@link #id()} ({@code lead}) or its {@link #label()} ({@code Lead}). */
  public static Optional<RecordType> named(String name) {
    return Arrays.stream(values()).filter(type -> type.id.equals(name) || type.label.equals(name)).findFirst();
  }

  /** Capitalised, as in a message name or a title: {@code Lead}. */
  public String label() {
    return label;
  }
}
