package io.crmflow.contact;

import io.crmflow.web.NoControlCharacters;
import io.crmflow.workflow.ProcessTimeline;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reading a person's contact with the records their viewer may see, and merging two contacts of one person. */
@RestController
@Validated
@RequestMapping("/api/contacts")
class ContactController {

  private final ContactService contacts;
  private final List<ContactRecords> sections;
  private final ProcessTimeline timeline;

  ContactController(ContactService contacts, List<ContactRecords> sections, ProcessTimeline timeline) {
    this.contacts = contacts;
    this.sections = sections;
    this.timeline = timeline;
  }

  /** The contact, by id or by any address of the person. */
  @GetMapping("/{contactIdOrEmail}")
  ContactView get(@PathVariable @Size(max = 254) @NoControlCharacters String contactIdOrEmail,
      Authentication authentication) {
    return view(contacts.getByIdOrEmail(contactIdOrEmail), authentication);
  }

  /** 200 and the merged contact as GET shows it; 404 for an unknown contact; 409 for itself or an erased one. */
  @PostMapping("/{contactId}/merge")
  ContactView merge(@PathVariable @Size(max = 36) @NoControlCharacters String contactId,
      @Valid @RequestBody MergeRequest request, Authentication authentication) {
    return view(contacts.merge(contactId, request.duplicateContactId(), authentication.getName()), authentication);
  }

  private ContactView view(Contact contact, Authentication authentication) {
    Viewer viewer = new Viewer(authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    Map<String, List<?>> visible = new LinkedHashMap<>();
    for (ContactRecords section : sections) {
      section.of(contact.id(), viewer).ifPresent(records -> {
        visible.put(section.name(), records.records());
        viewer.shown(records.recordIds());
      });
    }
    List<ProcessTimeline.Step> steps = viewer.shownRecordIds().stream()
        .flatMap(recordId -> timeline.of(recordId).stream())
        .sorted(java.util.Comparator.comparing(ProcessTimeline.Step::startedAt))
        .toList();
    return new ContactView(contact, contacts.addresses(contact.id()), contacts.submissions(contact.id()), steps,
        visible);
  }
}
