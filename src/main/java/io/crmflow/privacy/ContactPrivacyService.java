package io.crmflow.privacy;

import io.crmflow.audit.AuditLog;
import io.crmflow.messaging.Suppressions;
import io.crmflow.workflow.ProcessTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right of access and the right to erasure for one contact, identified by email address,
 * across every {@link PersonalDataHolder} and the Camunda engine.
 */
@Service
public class ContactPrivacyService {

  private static final Logger log = LoggerFactory.getLogger(ContactPrivacyService.class);
  private static final int PAGE = 500;

  private final List<PersonalDataHolder> holders;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final ProcessTimeline timeline;
  private final Suppressions suppressions;
  private final AuditLog auditLog;

  ContactPrivacyService(List<PersonalDataHolder> holders, RuntimeService runtimeService, HistoryService historyService,
      ProcessTimeline timeline, Suppressions suppressions, AuditLog auditLog) {
    this.holders = holders;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.timeline = timeline;
    this.suppressions = suppressions;
    this.auditLog = auditLog;
  }

  /** Everything crmflow holds about the person: each holder's section plus the workflow timeline of their records. */
  @Transactional // not read-only: the export itself is audited in the same transaction
  public Map<String, Object> export(String email, String actor) {
    DataSubject subject = subject(email);
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("email", email);
    export.put("exportedAt", Instant.now());
    for (PersonalDataHolder holder : holders) {
      export.put(holder.category(), holder.export(subject));
    }
    export.put("timeline", subject.recordIds().stream().flatMap(id -> timeline.of(id).stream()).toList());
    export.put("suppressed", suppressions.isSuppressed(email));
    auditLog.record(actor, "contact.exported", "Contact", null, Map.of("recordIds", subject.recordIds()));
    return export;
  }

  /**
   * Erases the person: their running processes cancelled, the Camunda history of every process on
   * their records deleted, every holder's personal fields removed or anonymised, the address put
   * on the suppression list as a salted hash, the erasure audited without personal data.
   */
  @Transactional
  public ErasureReport erase(String email, String actor) {
    DataSubject subject = subject(email);

    List<String> running = new ArrayList<>();
    List<String> historic = new ArrayList<>();
    for (String recordId : subject.recordIds()) {
      runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(recordId).listPage(0, PAGE).stream()
          .map(ProcessInstance::getId).forEach(running::add);
      historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(recordId).listPage(0, PAGE)
          .stream().map(HistoricProcessInstance::getId).forEach(historic::add);
    }
    if (!running.isEmpty()) {
      // no listeners and no I/O mappings: an erased contact gets no "goodbye" side effects
      runtimeService.deleteProcessInstances(running, "contact data erased", true, true, false);
    }
    if (!historic.isEmpty()) {
      // activities, variables, tasks, comments, incidents, job logs and operation-log entries of these instances
      historyService.deleteHistoricProcessInstancesIfExists(historic);
    }

    Map<String, Integer> records = new LinkedHashMap<>();
    for (PersonalDataHolder holder : holders) {
      records.put(holder.category(), holder.erase(subject));
    }
    suppressions.suppress(email, "erasure");

    for (String recordId : subject.recordIds()) {
      auditLog.record(actor, "record.erased", null, recordId, Map.of("reason", "contact erasure"));
    }
    auditLog.record(actor, "contact.erased", "Contact", null, Map.of("records", records,
        "recordIds", subject.recordIds(), "processInstancesCancelled", running.size(),
        "historicProcessInstancesDeleted", historic.size()));
    log.info("Contact erased: records {}, {} process(es) cancelled, history of {} deleted", records, running.size(),
        historic.size());
    return new ErasureReport(Instant.now(), records, subject.recordIds(), running.size(), historic.size(), true);
  }

  private DataSubject subject(String email) {
    Set<String> recordIds = new LinkedHashSet<>();
    for (PersonalDataHolder holder : holders) {
      recordIds.addAll(holder.recordIds(email));
    }
    return new DataSubject(email, new ArrayList<>(recordIds));
  }
}
