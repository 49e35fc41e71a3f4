package io.crmflow.supportcase;

import io.crmflow.messaging.Contact;
import io.crmflow.messaging.ContactLocale;
import io.crmflow.messaging.ContactResolver;
import io.crmflow.messaging.TemplateModelContributor;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The customer of a case is the contact of every process that carries the case's id, and the
 * case's number, subject, resolution and refund are what its templates show — read from crm_case
 * when a message is rendered, never carried in process variables.
 */
@Component
class CaseContacts implements ContactResolver, TemplateModelContributor {

  static final String RECORD_TYPE = "case";

  private final CaseRepository cases;

  CaseContacts(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public Optional<Contact> contactOf(DelegateExecution execution) {
    String caseId = SupportCaseProcess.CASE_ID.getOrNull(execution);
    return caseId == null ? Optional.empty() : contact(RECORD_TYPE, caseId);
  }

  @Override
  public Optional<Contact> contact(String recordType, String recordId) {
    if (!RECORD_TYPE.equals(recordType)) {
      return Optional.empty();
    }
    // service messages about the customer's own case: transactional, so no marketing consent
    return cases.findById(recordId).map(supportCase -> new Contact(RECORD_TYPE, supportCase.id(),
        supportCase.customerName(), supportCase.customerEmail(), null, null, ContactLocale.EN, false));
  }

  @Override
  public void contribute(DelegateExecution execution, Map<String, Object> model) {
    String caseId = SupportCaseProcess.CASE_ID.getOrNull(execution);
    if (caseId == null) {
      return;
    }
    cases.findById(caseId).ifPresent(supportCase -> {
      model.put("caseNumber", supportCase.caseNumber());
      model.put("subject", supportCase.subject());
      model.put("resolution", supportCase.resolution());
      model.put("priority", supportCase.priority());
      model.put("refundAmount", supportCase.refundAmount() == null ? null : supportCase.refundAmount().toPlainString());
      model.put("orderReference", supportCase.orderReference());
    });
  }
}
