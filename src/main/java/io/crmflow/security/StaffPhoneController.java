package io.crmflow.security;

import io.crmflow.shared.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/users/{userId}/phone}: a member of staff's mobile number, where "Send SMS" steps to
 * them (recipient kind "user") text them. Kept as their Camunda user info
 * {@value StaffDirectory#PHONE_INFO_KEY}, next to their name and email; Camunda's Admin and REST API have
 * no way to set it. The user themself and admins may (SecurityConfiguration).
 */
@RestController
class StaffPhoneController {

  private final IdentityService identityService;

  StaffPhoneController(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** @param phone E.164, e.g. +12025550143; null or empty removes it */
  record StaffPhoneRequest(
      @Pattern(regexp = "|\\+[1-9]\\d{6,14}", message = "must be a mobile number in E.164, e.g. +12025550143")
      String phone) {
  }

  record StaffPhoneView(String userId, String phone) {
  }

  @PutMapping("/api/users/{userId}/phone")
  StaffPhoneView set(@PathVariable String userId, @Valid @RequestBody StaffPhoneRequest request) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      throw new NotFoundException("User", userId);
    }
    if (request.phone() == null || request.phone().isEmpty()) {
      identityService.deleteUserInfo(userId, StaffDirectory.PHONE_INFO_KEY);
      return new StaffPhoneView(userId, null);
    }
    identityService.setUserInfo(userId, StaffDirectory.PHONE_INFO_KEY, request.phone());
    return new StaffPhoneView(userId, request.phone());
  }
}
