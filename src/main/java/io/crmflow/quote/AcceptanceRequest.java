package io.crmflow.quote;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/quotes/{id}/acceptance}: the customer's answer. */
record AcceptanceRequest(@NotNull Boolean accepted) {
}
