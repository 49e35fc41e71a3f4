package io.crmflow.supportcase;

import io.crmflow.messaging.ContactResolver;
import io.crmflow.messaging.RecordContact;
import io.crmflow.messaging.TemplateModelContributor;
import io.crmflow.shared.RecordType;
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

  private final CaseRepository cases;

  CaseContacts(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public Optional<RecordContact> contactOf(DelegateExecution execution) {
    String caseId = SupportCaseProcess.CASE_ID.getOrNull(execution);
    return caseId == null ? Optional.empty()
        : cases.findById(caseId).map(supportCase -> new RecordContact(RecordType.CASE.id(), supportCase.id(),
            supportCase.contactId()));
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
