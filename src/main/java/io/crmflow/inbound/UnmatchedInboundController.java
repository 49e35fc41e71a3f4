package io.crmflow.inbound;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/inbound/unmatched}: the inbound messages no record took, newest first, for administrators. */
@RestController
@Validated
class UnmatchedInboundController {

  private final UnmatchedInboundMessages messages;

  UnmatchedInboundController(UnmatchedInboundMessages messages) {
    this.messages = messages;
  }

  @GetMapping("/api/inbound/unmatched")
  List<UnmatchedInboundMessage> newest(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return messages.newest(limit);
  }
}
