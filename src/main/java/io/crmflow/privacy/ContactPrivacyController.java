package io.crmflow.privacy;

import io.crmflow.web.NoControlCharacters;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Right of access and right to erasure, for crm-admins acting on a person's request. The person is
 * named by their contact id or by any address of theirs.
 */
@RestController
@Validated
@RequestMapping("/api/contacts")
class ContactPrivacyController {

  private final ContactPrivacyService privacy;

  ContactPrivacyController(ContactPrivacyService privacy) {
    this.privacy = privacy;
  }

  @GetMapping("/{contactIdOrEmail}/export")
  Map<String, Object> export(@PathVariable @Size(max = 254) @NoControlCharacters String contactIdOrEmail,
      Principal principal) {
    return privacy.export(contactIdOrEmail, principal.getName());
  }

  @DeleteMapping("/{contactIdOrEmail}")
  ErasureReport erase(@PathVariable @Size(max = 254) @NoControlCharacters String contactIdOrEmail,
      Principal principal) {
    return privacy.erase(contactIdOrEmail, principal.getName());
  }
}
