package io.crmflow.contact;

import io.crmflow.web.NoControlCharacters;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/contacts/{contactId}/merge}: the contact that is the same person. */
record MergeRequest(@NotBlank @Size(max = 36) @NoControlCharacters String duplicateContactId) {
}
