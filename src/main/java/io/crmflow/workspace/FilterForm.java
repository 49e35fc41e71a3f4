package io.crmflow.workspace;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A list's filter form as its page draws it ({@code layout.html :: filters}): a search field, groups of
 * checkboxes, text fields — each labelled and filled in from the filter the request asked for. The
 * parameter names are those of the list's JSON endpoint.
 *
 * @param action      the list's path
 * @param noun        what the list holds, e.g. "leads"
 * @param searchLabel what the search looks in
 */
record FilterForm(String action, String noun, String searchLabel, String search, List<Choices> choices,
                  List<Field> fields) {

  /** A group of checkboxes for one parameter that takes several values. */
  record Choices(String legend, String name, List<Choice> options) {
  }

  record Choice(String value, String label, boolean checked) {
  }

  /** A text field for one parameter. */
  record Field(String name, String label, int maxLength, String value) {
  }

  /** A checkbox per option, ticked when the filter has it. */
  static <T> Choices choices(String legend, String name, Collection<T> options, Function<T, String> value,
      Function<T, String> label, Collection<T> selected) {
    return new Choices(legend, name, options.stream()
        .map(option -> new Choice(value.apply(option), label.apply(option), selected.contains(option)))
        .toList());
  }

  /** The {@code status} checkboxes, one per constant of the record's status, in words. */
  static <E extends Enum<E>> Choices statuses(E[] statuses, Collection<E> selected) {
    return choices("Status", "status", List.of(statuses), Enum::name, Formats::wordsOf, selected);
  }

  /** The {@code owner} field: a user id. */
  static Field owner(String selected) {
    return new Field("owner", "Owner (user id)", 100, selected);
  }

  /** Whether a filter beyond the search is set: the form then shows its filters open, also on a phone. */
  public boolean narrowed() {
    return choices.stream().flatMap(group -> group.options().stream()).anyMatch(Choice::checked)
        || fields.stream().anyMatch(field -> field.value() != null);
  }
}
