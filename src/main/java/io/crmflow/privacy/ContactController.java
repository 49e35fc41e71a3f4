package io.crmflow.privacy;

import io.crmflow.web.NoControlCharacters;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Right of access and right to erasure, for crm-admins acting on a person's request. */
@RestController
@Validated
@RequestMapping("/api/contacts")
class ContactController {

  private final ContactPrivacyService privacy;

  ContactController(ContactPrivacyService privacy) {
    this.privacy = privacy;
  }

  @GetMapping("/{email}/export")
  Map<String, Object> export(@PathVariable("email") @Size(max = 254) @NoControlCharacters
      @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a well-formed email address")
      String email, Principal principal) {
    return privacy.export(email, principal.getName());
  }

  @DeleteMapping("/{email}")
  ErasureReport erase(@PathVariable("email") @Size(max = 254) @NoControlCharacters
      @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a well-formed email address")
      String email, Principal principal) {
    return privacy.erase(email, principal.getName());
  }
}
