package io.crmflow.contact;

import io.crmflow.process.ProcessTimeline;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A person's contact as one viewer may see it ({@code GET /api/contacts/{id}} and the workspace's
 * contact page): the sections of their records the viewer's groups may read, and the workflow timeline
 * of the records shown.
 */
@Component
public class ContactViews {

  private final ContactService contacts;
  private final List<ContactRecords> sections;
  private final ProcessTimeline timeline;

  ContactViews(ContactService contacts, List<ContactRecords> sections, ProcessTimeline timeline) {
    this.contacts = contacts;
    this.sections = sections;
    this.timeline = timeline;
  }

  /** The contact, by id or by any address of the person, as a viewer in these groups may see it. */
  public ContactView of(String contactIdOrEmail, Collection<String> viewerGroups) {
    return of(contacts.getByIdOrEmail(contactIdOrEmail), viewerGroups);
  }

  ContactView of(Contact contact, Collection<String> viewerGroups) {
    Viewer viewer = new Viewer(viewerGroups);
    Map<String, List<?>> visible = new LinkedHashMap<>();
    for (ContactRecords section : sections) {
      section.of(contact.id(), viewer).ifPresent(records -> {
        visible.put(section.name(), records.records());
        viewer.shown(records.recordIds());
      });
    }
    List<ProcessTimeline.Step> steps = viewer.shownRecordIds().stream()
        .flatMap(recordId -> timeline.of(recordId).stream())
        .sorted(Comparator.comparing(ProcessTimeline.Step::startedAt))
        .toList();
    return new ContactView(contact, contacts.addresses(contact.id()), contacts.submissions(contact.id()), steps,
        visible);
  }
}
