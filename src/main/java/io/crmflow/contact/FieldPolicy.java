package io.crmflow.contact;

/** How a new submission's details combine with what is known about the person. */
public enum FieldPolicy {
  /** The person's own submission (a form, an import): newer non-empty name, phone, company and locale win. */
  NEWER_WINS,
  /** Given on the person's behalf (support opening a case): fills in only what is not known yet. */
  FILL_EMPTY
}
