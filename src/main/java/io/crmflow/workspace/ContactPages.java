package io.crmflow.workspace;

import io.crmflow.contact.ContactViews;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The workspace's page of a person: their details and the sections of their records the user may see. */
@Controller
class ContactPages {

  private final ContactViews contacts;

  ContactPages(ContactViews contacts) {
    this.contacts = contacts;
  }

  @GetMapping("/app/contacts/{contactId}")
  String contact(@PathVariable String contactId, @ModelAttribute("user") WorkspaceUser user, Model model) {
    model.addAttribute("view", contacts.of(contactId, user.groups()));
    return "contact";
  }
}
