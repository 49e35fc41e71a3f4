package io.crmflow.security;

import java.util.List;

/**
 * Who works on a process, declared as a bean by the package that owns the process, so that
 * {@link IdentitySetup} grants each group exactly the Camunda rights its processes need.
 *
 * @param processKey  the process definition key
 * @param workers     groups offered its user tasks: they may read the definition (to render forms);
 *                    task rights come from the candidate group (defaultUserPermissionNameForTask = TASK_WORK)
 * @param supervisors groups that also see and work every task and instance of the process (Tasklist, Cockpit)
 */
public record ProcessAccess(String processKey, List<String> workers, List<String> supervisors) {

  public ProcessAccess {
    workers = List.copyOf(workers);
    supervisors = List.copyOf(supervisors);
  }
}
