package io.crmflow.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** crmflow's staff as the Camunda identity store knows them: who to email inside the company. */
@Component
public class StaffDirectory {

  private final IdentityService identityService;

  StaffDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** @param phone E.164, from the user's Camunda user info "phone"; null when not given */
  public record StaffMember(String userId, String displayName, String email, String phone) {
  }

  /** The Camunda user-info key crmflow reads a staff member's mobile number from. */
  public static final String PHONE_INFO_KEY = "phone";

  public Optional<StaffMember> user(String userId) {
    return Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult())
        .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
        .map(this::toMember);
  }

  /** Members of a group who have an email address. */
  public List<StaffMember> membersOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
        .map(this::toMember)
        .toList();
  }

  private StaffMember toMember(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return new StaffMember(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail(),
        identityService.getUserInfo(user.getId(), PHONE_INFO_KEY));
  }
}
