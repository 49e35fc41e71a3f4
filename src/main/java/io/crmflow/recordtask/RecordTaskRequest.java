package io.crmflow.recordtask;

import io.crmflow.web.NoControlCharacters;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * The body of {@code POST /api/{leads|opportunities|quotes|cases}/{id}/tasks}.
 *
 * @param title    what to do, one line
 * @param due      by when, an ISO-8601 date-time with offset, in the future
 * @param assignee who does it (a user id); the caller when absent. They must be able to read the record.
 */
public record RecordTaskRequest(
    @Schema(example = "Call back about the volume discount") @NotBlank @Size(max = 200) @NoControlCharacters
    String title,
    @Schema(example = "2026-12-08T09:00:00+01:00") @NotNull @Future OffsetDateTime due,
    @Schema(example = "sam") @Size(min = 1, max = 64) String assignee) {
}
