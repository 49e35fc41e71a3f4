package io.crmflow.privacy;

import io.crmflow.audit.AuditLog;
import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactService;
import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import io.crmflow.messaging.Suppressions;
import io.crmflow.process.ProcessTimeline;
import io.crmflow.shared.RecordType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right of access and the right to erasure for one person — their contact, named by its id or by
 * any of its addresses — across the contact, every {@link PersonalDataHolder} and the Camunda engine.
 */
@Service
public class ContactPrivacyService {

  private static final Logger log = LoggerFactory.getLogger(ContactPrivacyService.class);
  private static final int PAGE = 500;

  private final ContactService contacts;
  private final List<PersonalDataHolder> holders;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final ProcessTimeline timeline;
  private final Suppressions suppressions;
  private final AuditLog auditLog;

  ContactPrivacyService(ContactService contacts, List<PersonalDataHolder> holders, RuntimeService runtimeService,
      HistoryService historyService, ProcessTimeline timeline, Suppressions suppressions, AuditLog auditLog) {
    this.contacts = contacts;
    this.holders = holders;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.timeline = timeline;
    this.suppressions = suppressions;
    this.auditLog = auditLog;
  }

  /**
   * Everything crmflow holds about the person: their contact (details, consents, lifecycle stage,
   * addresses, submissions), each holder's section, and the workflow timeline of their records.
   */
  @Transactional // not read-only: the export itself is audited in the same transaction
  public Map<String, Object> export(String contactIdOrEmail, String actor) {
    Contact contact = contacts.getByIdOrEmail(contactIdOrEmail);
    DataSubject subject = subject(contact);
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("contactId", contact.id());
    export.put("email", contact.email());
    export.put("exportedAt", Instant.now());
    Map<String, Object> contactSection = new LinkedHashMap<>();
    contactSection.put("details", contact);
    contactSection.put("addresses", subject.addresses());
    contactSection.put("submissions", contacts.submissions(contact.id()));
    export.put("contact", contactSection);
    for (PersonalDataHolder holder : holders) {
      export.put(holder.category(), holder.export(subject));
    }
    export.put("timeline", subject.recordIds().stream().flatMap(id -> timeline.of(id).stream()).toList());
    export.put("suppressed", subject.addresses().stream().anyMatch(suppressions::isSuppressed));
    auditLog.record(actor, "contact.exported", RecordType.CONTACT, contact.id(), Map.of("recordIds", subject.recordIds()));
    return export;
  }

  /**
   * Erases the person: their running processes cancelled, the Camunda history of every process on
   * their records deleted, every holder's personal text removed, their contact anonymised and its
   * addresses forgotten — each put on the suppression list as a salted hash first — and the erasure
   * audited without personal data.
   */
  @Transactional
  public ErasureReport erase(String contactIdOrEmail, String actor) {
    Contact contact = contacts.getByIdOrEmail(contactIdOrEmail);
    DataSubject subject = subject(contact);

    List<String> running = new ArrayList<>();
    List<String> historic = new ArrayList<>();
    for (String recordId : subject.recordIds()) {
      running.addAll(all(first -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(recordId)
          .orderByProcessInstanceId().asc().listPage(first, PAGE).stream().map(ProcessInstance::getId).toList()));
      historic.addAll(all(first -> historyService.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(recordId).orderByProcessInstanceId().asc().listPage(first, PAGE).stream()
          .map(HistoricProcessInstance::getId).toList()));
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
    subject.addresses().forEach(address -> suppressions.suppress(address, "erasure"));
    records.put("contacts", contacts.erase(contact.id()));

    for (String recordId : subject.recordIds()) {
      auditLog.record(actor, "record.erased", null, recordId, Map.of("reason", "contact erasure"));
    }
    auditLog.record(actor, "contact.erased", RecordType.CONTACT, contact.id(), Map.of("records", records,
        "recordIds", subject.recordIds(), "processInstancesCancelled", running.size(),
        "historicProcessInstancesDeleted", historic.size()));
    log.info("Contact {} erased: records {}, {} process(es) cancelled, history of {} deleted", contact.id(), records,
        running.size(), historic.size());
    return new ErasureReport(Instant.now(), contact.id(), records, subject.recordIds(), running.size(),
        historic.size(), true);
  }

  /** Every id a paged query finds, page after page (a record may have more processes than one page). */
  private static List<String> all(IntFunction<List<String>> page) {
    List<String> ids = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      List<String> found = page.apply(first);
      ids.addAll(found);
      if (found.size() < PAGE) {
        return ids;
      }
    }
  }

  private DataSubject subject(Contact contact) {
    Set<String> recordIds = new LinkedHashSet<>();
    for (PersonalDataHolder holder : holders) {
      recordIds.addAll(holder.recordIds(contact.id()));
    }
    return new DataSubject(contact.id(), contacts.addresses(contact.id()), new ArrayList<>(recordIds));
  }
}
