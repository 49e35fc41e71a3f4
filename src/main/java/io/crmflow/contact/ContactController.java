package io.crmflow.contact;

import io.crmflow.web.NoControlCharacters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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
  private final ContactViews views;

  ContactController(ContactService contacts, ContactViews views) {
    this.contacts = contacts;
    this.views = views;
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
    return views.of(contact, authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
  }
}
