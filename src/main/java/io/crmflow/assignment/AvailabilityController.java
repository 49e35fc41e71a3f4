package io.crmflow.assignment;

import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/users/{userId}/availability}: a salesperson says they are away (until a time, or until
 * they say otherwise) or back; the rotation passes over them while they are away. The user themself,
 * sales managers and admins may (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/users/{userId}/availability")
class AvailabilityController {

  private final Availability availability;
  private final IdentityService identityService;

  AvailabilityController(Availability availability, IdentityService identityService) {
    this.availability = availability;
    this.identityService = identityService;
  }

  /**
   * @param available whether the user takes new work
   * @param until     while away: when they are back (ISO-8601 instant, in the future); absent: until they
   *                  say otherwise. Ignored when available.
   */
  record AvailabilityRequest(@NotNull Boolean available, Instant until) {
  }

  record AvailabilityView(String userId, boolean available, Instant until) {
  }

  @PutMapping
  AvailabilityView set(@PathVariable String userId, @Valid @RequestBody AvailabilityRequest request) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      throw new NotFoundException("User", userId);
    }
    if (!request.available() && request.until() != null && !request.until().isAfter(Instant.now())) {
      throw new InvalidFieldException("until", "must be in the future");
    }
    Availability.Status status = new Availability.Status(request.available(),
        request.available() ? null : request.until());
    availability.set(userId, status);
    return new AvailabilityView(userId, status.available(), status.until());
  }
}
