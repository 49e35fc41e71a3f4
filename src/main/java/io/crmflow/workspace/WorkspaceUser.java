package io.crmflow.workspace;

import io.crmflow.security.CrmGroups;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is looking at a workspace page, and so what the page offers them: the record types their
 * groups may read (the same groups as for {@code /api}, {@link CrmGroups}), Cockpit for Camunda's
 * admins, the dashboard for managers.
 *
 * @param id     the user id the webapps' login named
 * @param name   first and last name, or the id when the user has none
 * @param groups the user's Camunda groups
 */
record WorkspaceUser(String id, String name, List<String> groups) {

  WorkspaceUser {
    groups = List.copyOf(groups);
  }

  static List<String> groupsOf(Authentication authentication) {
    return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }

  public boolean mayRead(Collection<String> readers) {
    return readers.stream().anyMatch(groups::contains);
  }

  public boolean leads() {
    return mayRead(CrmGroups.LEAD_READERS);
  }

  public boolean opportunities() {
    return mayRead(CrmGroups.OPPORTUNITY_READERS);
  }

  public boolean quotes() {
    return mayRead(CrmGroups.QUOTE_READERS);
  }

  public boolean cases() {
    return mayRead(CrmGroups.CASE_READERS);
  }

  public boolean contacts() {
    return mayRead(CrmGroups.CONTACT_READERS);
  }

  /** Camunda's administrators: Cockpit, and links from a record to its process instances there. */
  public boolean admin() {
    return groups.contains(CrmGroups.ADMINS);
  }

  public boolean dashboard() {
    return mayRead(CrmGroups.METRICS_READERS);
  }
}
