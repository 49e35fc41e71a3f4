package io.crmflow.contact;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A section of the contact view ({@code GET /api/contacts/{id}}): a capability's records of the
 * person (leads, opportunities, quotes, cases, messages). Each capability contributes one bean and
 * decides who may see it — the groups that may read its records' own endpoints — so support never
 * sees sales' notes and sales never sees case descriptions. Sections are asked in their
 * {@link org.springframework.core.annotation.Order}; a later one (messages) may limit itself to the
 * records the viewer was shown.
 */
public interface ContactRecords {

  /** The section's name in the view, e.g. {@code leads}. */
  String name();

  /** The section as this viewer may see it; empty when they may not see it at all. */
  Optional<Section> of(String contactId, Viewer viewer);

  /** A section whose records only the given groups may read, and then all of them. */
  static <T> Optional<Section> forReaders(Viewer viewer, Collection<String> readers, Supplier<List<T>> records,
      Function<T, String> id) {
    if (!viewer.inAnyOf(readers)) {
      return Optional.empty();
    }
    List<T> found = records.get();
    return Optional.of(new Section(found, found.stream().map(id).toList()));
  }

  /**
   * @param records   what the view shows
   * @param recordIds the ids of those records (business keys of their processes: their timeline is shown)
   */
  record Section(List<?> records, List<String> recordIds) {

    public Section {
      records = List.copyOf(records);
      recordIds = List.copyOf(recordIds);
    }
  }
}
