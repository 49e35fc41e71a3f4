package io.crmflow.assignment;

import io.crmflow.security.StaffDirectory;
import io.crmflow.web.UniqueInserts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Round robin within a team: the member after the one who was given the last piece of work, in user-id
 * order, who is available and can take more — so over time each of k members gets N/k ± 1 of N pieces.
 * The team is a Camunda group, read at every turn: members added or removed in Camunda Admin count from
 * the next assignment. The team's row in crm_team_rotation stays locked until the caller's transaction
 * commits, so concurrent assignments — on any instance of a cluster — take their turns one after another.
 */
@Service
public class TeamRotation {

  private static final Logger log = LoggerFactory.getLogger(TeamRotation.class);

  private final JdbcClient jdbc;
  private final StaffDirectory staff;
  private final Availability availability;
  private final UniqueInserts uniqueInserts;

  TeamRotation(JdbcClient jdbc, StaffDirectory staff, Availability availability, UniqueInserts uniqueInserts) {
    this.jdbc = jdbc;
    this.staff = staff;
    this.availability = availability;
    this.uniqueInserts = uniqueInserts;
  }

  /**
   * The member whose turn it is and who may take the work (available, with an email address to be told,
   * and {@code canTakeMore}); their turn is used. Empty when nobody can: the turn stays where it was.
   */
  @Transactional
  public Optional<String> next(String team, Predicate<String> canTakeMore) {
    List<String> members = staff.membersOf(team).stream().map(StaffDirectory.StaffMember::userId).toList();
    if (members.isEmpty()) {
      return Optional.empty();
    }
    String last = lockTurn(team);
    int start = 0;
    while (start < members.size() && last != null && members.get(start).compareTo(last) <= 0) {
      start++;
    }
    for (int i = 0; i < members.size(); i++) {
      String member = members.get((start + i) % members.size());
      if (availability.takesWorkNow(member) && canTakeMore.test(member)) {
        jdbc.sql("update crm_team_rotation set last_user_id = :member where team = :team")
            .param("member", member).param("team", team).update();
        return Optional.of(member);
      }
    }
    log.info("Nobody in team {} can take more work now ({} members)", team, members.size());
    return Optional.empty();
  }

  /** Locks the team's turn and returns who had the last one (null: nobody yet). */
  private String lockTurn(String team) {
    List<String> row = lockRow(team);
    if (row.isEmpty()) {
      // a concurrent first assignment may create the row first: then wait for its lock below
      uniqueInserts.insertUnlessPresent("insert into crm_team_rotation (team, last_user_id) values (:team, null)",
          Map.of("team", team));
      row = lockRow(team);
    }
    return row.get(0);
  }

  /** The team's row, locked: no element when it has none yet, else its last user (which may be null). */
  private List<String> lockRow(String team) {
    return jdbc.sql("select last_user_id from crm_team_rotation where team = :team for update")
        .param("team", team)
        .query((rs, row) -> rs.getString("last_user_id"))
        .list();
  }
}
