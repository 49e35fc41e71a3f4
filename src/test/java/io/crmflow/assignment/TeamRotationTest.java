package io.crmflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.ProcessTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Round robin within a team: in turn, fair, past the away and the full, and the team as Camunda Admin has it now. */
@ProcessTest
class TeamRotationTest {

  @Autowired TeamRotation rotation;
  @Autowired Availability availability;
  @Autowired IdentityService identityService;

  private String team;
  private List<String> reps;

  @BeforeEach
  void threeRepsInATeamOfTheirOwn() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    team = "team-" + run;
    Group group = identityService.newGroup(team);
    identityService.saveGroup(group);
    reps = List.of("ann" + run, "ben" + run, "cat" + run);
    reps.forEach(this::member);
  }

  @Test
  void shouldGiveThirtyLeadsOverThreeRepsTenEachInTurn() {
    List<String> owners = IntStream.range(0, 30).mapToObj(i -> rotation.next(team, user -> true).orElseThrow())
        .toList();

    assertThat(owners.subList(0, 6)).containsExactly(reps.get(0), reps.get(1), reps.get(2), reps.get(0), reps.get(1),
        reps.get(2));
    assertThat(counts(owners)).containsOnly(Map.entry(reps.get(0), 10L), Map.entry(reps.get(1), 10L),
        Map.entry(reps.get(2), 10L));
  }

  @Test
  void shouldPassOverARepWhoIsAwayAndOneAtCapacity() {
    availability.set(reps.get(0), new Availability.Status(false, null));
    Map<String, Integer> openReviews = new HashMap<>(Map.of(reps.get(1), 3, reps.get(2), 0));
    int maxOpenReviews = 3;

    List<String> owners = IntStream.range(0, 6).mapToObj(i -> rotation.next(team,
        user -> openReviews.getOrDefault(user, 0) < maxOpenReviews).orElseThrow()).toList();

    assertThat(owners).containsOnly(reps.get(2));
  }

  @Test
  void shouldTakeARepBackWhenTheirAbsenceIsOverAndFindNobodyWhenAllAreAway() {
    reps.forEach(rep -> availability.set(rep, new Availability.Status(false, null)));
    assertThat(rotation.next(team, user -> true)).as("everyone away").isEmpty();

    availability.set(reps.get(1), new Availability.Status(false, Instant.now().minusSeconds(1)));
    assertThat(rotation.next(team, user -> true)).as("back since a second ago").contains(reps.get(1));
    availability.set(reps.get(1), new Availability.Status(true, null));
  }

  @Test
  void shouldCountAMemberAddedInCamundaAdminFromTheNextTurn() {
    assertThat(rotation.next(team, user -> true)).contains(reps.get(0));
    String newcomer = reps.get(0) + "b";  // sorts between the first and the second
    member(newcomer);

    assertThat(rotation.next(team, user -> true)).contains(newcomer);
    identityService.deleteMembership(reps.get(1), team);
    assertThat(rotation.next(team, user -> true)).as("a member removed is skipped").contains(reps.get(2));
  }

  private void member(String userId) {
    User user = identityService.newUser(userId);
    user.setEmail(userId + "@crmflow.example");
    identityService.saveUser(user);
    identityService.createMembership(userId, team);
  }

  private static Map<String, Long> counts(List<String> owners) {
    Map<String, Long> counts = new HashMap<>();
    owners.forEach(owner -> counts.merge(owner, 1L, Long::sum));
    return counts;
  }
}
