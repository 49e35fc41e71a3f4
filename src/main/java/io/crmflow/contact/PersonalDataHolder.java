package io.crmflow.contact;

import java.util.List;

/**
 * A capability that keeps records about contacts (leads, opportunities, messages, quotes, cases …).
 * The person's details themselves are their contact's, which the privacy module's
 * {@code ContactPrivacyService} exports and erases; holders export their records and erase the
 * personal text in them (notes, descriptions). Each implements this as a Spring bean; the privacy
 * module finds them all, so a new capability takes part in export and erasure by adding one bean.
 *
 * <p>Erasure runs in three steps over all holders, in one transaction: {@link #recordIds} of every
 * holder (while all data is still there), then the processes working on those records (business
 * key = record id) are cancelled and their Camunda history deleted, then {@link #erase} of every holder.
 */
public interface PersonalDataHolder {

  /** The name of this holder's section in the export and the erasure report, e.g. {@code leads}. */
  String category();

  /**
   * The ids of this holder's records about the person (their contact); they are the business keys of
   * the processes working on them. Empty if the holder has no records of its own.
   */
  List<String> recordIds(String contactId);

  /** Everything this holder keeps about the person, as JSON-serialisable values. */
  Object export(DataSubject subject);

  /**
   * Removes or anonymises every personal field of the person's records (rows may stay for
   * statistics and the audit trail, without anything that identifies the person).
   *
   * @return the number of records erased or anonymised
   */
  int erase(DataSubject subject);
}
