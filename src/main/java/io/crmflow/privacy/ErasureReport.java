package io.crmflow.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code DELETE /api/contacts/{contactIdOrEmail}} erased. Holds no personal data: it names the
 * contact's and the records' ids and counts only.
 *
 * @param contactId                       the contact (it stays, anonymised)
 * @param records                         records erased or anonymised, per holder category
 * @param recordIds                       the ids of the person's records (they stay, anonymised)
 * @param processInstancesCancelled       running processes on those records, cancelled
 * @param historicProcessInstancesDeleted process instances whose Camunda history (activities,
 *                                        variables, tasks, comments, operation log) was deleted
 * @param suppressed                      the address is on the suppression list (as a salted hash)
 */
public record ErasureReport(Instant erasedAt, String contactId, Map<String, Integer> records, List<String> recordIds,
                            int processInstancesCancelled, int historicProcessInstancesDeleted,
                            boolean suppressed) {
}
