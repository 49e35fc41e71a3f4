package io.crmflow.supportcase;

import io.crmflow.contact.ContactRecords;
import io.crmflow.contact.Viewer;
import io.crmflow.security.CrmGroups;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The contact view's "cases", for those who may read cases (support, support leads, admins). */
@Component
@Order(40)
class CasesOfContact implements ContactRecords {

  private final CaseRepository cases;

  CasesOfContact(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public String name() {
    return "cases";
  }

  @Override
  public Optional<Section> of(String contactId, Viewer viewer) {
    return ContactRecords.forReaders(viewer, CrmGroups.CASE_READERS, () -> cases.forContact(contactId),
        SupportCase::id);
  }
}
