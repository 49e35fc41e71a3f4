package io.crmflow.supportcase;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/cases/{id}/replies}: what the customer wrote back. */
public record CaseReplySubmission(@NotBlank @Size(max = 10000) @MultiLineText String message) {
}
