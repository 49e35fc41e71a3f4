package io.crmflow.messaging;

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

  public record StaffMember(String userId, String displayName, String email) {
  }

  public Optional<StaffMember> user(String userId) {
    return Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult())
        .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
        .map(StaffDirectory::toMember);
  }

  /** Members of a group who have an email address. */
  public List<StaffMember> membersOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
        .map(StaffDirectory::toMember)
        .toList();
  }

  private static StaffMember toMember(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return new StaffMember(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail());
  }
}
