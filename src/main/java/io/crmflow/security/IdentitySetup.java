package io.crmflow.security;

import static io.crmflow.security.CrmGroups.ADMINS;
import static io.crmflow.security.CrmGroups.CRM_ADMINS;
import static io.crmflow.security.CrmGroups.CRM_INTEGRATION;
import static io.crmflow.security.CrmGroups.SALES;
import static io.crmflow.security.CrmGroups.SALES_DIRECTORS;
import static io.crmflow.security.CrmGroups.SALES_MANAGERS;
import static io.crmflow.security.CrmGroups.SUPPORT;
import static io.crmflow.security.CrmGroups.SUPPORT_LEADS;
import static io.crmflow.security.CrmGroups.TASK_WORKERS;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates crmflow's groups, their Camunda authorizations and the admin user at start-up;
 * idempotent, so every instance of a cluster may run it. Demo users only when configured (dev).
 */
@Component
class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
  private static final String ANY = Authorization.ANY;

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final SecurityProperties properties;
  private final List<ProcessAccess> processAccess;

  IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
      SecurityProperties properties, List<ProcessAccess> processAccess) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.properties = properties;
    this.processAccess = processAccess;
  }

  @EventListener(ApplicationStartedEvent.class)
  void setUp() {
    group(ADMINS, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    group(CRM_ADMINS, "crmflow administrators", Groups.GROUP_TYPE_SYSTEM);
    group(SALES, "Sales", Groups.GROUP_TYPE_WORKFLOW);
    group(SALES_MANAGERS, "Sales managers", Groups.GROUP_TYPE_WORKFLOW);
    group(SALES_DIRECTORS, "Sales directors", Groups.GROUP_TYPE_WORKFLOW);
    group(SUPPORT, "Support", Groups.GROUP_TYPE_WORKFLOW);
    group(SUPPORT_LEADS, "Support leads", Groups.GROUP_TYPE_WORKFLOW);
    group(CRM_INTEGRATION, "Systems submitting leads", Groups.GROUP_TYPE_WORKFLOW);

    for (Resources resource : Resources.values()) {
      grant(ADMINS, resource, ANY, Permissions.ALL);
    }
    for (String group : TASK_WORKERS) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.FILTER, ANY, Permissions.READ);
    }
    for (ProcessAccess access : processAccess) {
      for (String group : access.workers()) {
        grant(group, Resources.PROCESS_DEFINITION, access.processKey(), ProcessDefinitionPermissions.READ);
      }
      for (String group : access.supervisors()) {
        // Cockpit shows supervisors the instances and history of the processes they supervise, nothing else
        grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(group, Resources.PROCESS_DEFINITION, access.processKey(), ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_WORK,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
      }
    }

    user("admin", properties.adminPassword(), "crmflow", "Admin", "admin@crmflow.example", ADMINS);
    user("admin", properties.adminPassword(), "crmflow", "Admin", "admin@crmflow.example", CRM_ADMINS);
    applyAdminPassword(properties.adminPassword());
    if (properties.demoUsers()) {
      user("sam", "sam", "Sam", "Sales", "sam@crmflow.example", SALES);
      identityService.setUserInfo("sam", StaffDirectory.PHONE_INFO_KEY, "+12025550143");
      user("mia", "mia", "Mia", "Manager", "mia@crmflow.example", SALES_MANAGERS);
      user("dan", "dan", "Dan", "Director", "dan@crmflow.example", SALES_DIRECTORS);
      user("sue", "sue", "Sue", "Support", "sue@crmflow.example", SUPPORT);
      user("lea", "lea", "Lea", "Lead", "lea@crmflow.example", SUPPORT_LEADS);
      user("webform", "webform", "Web", "Form", null, CRM_INTEGRATION);
      log.warn("Demo users sam, mia, dan, sue, lea and webform exist (password = user id): development only");
    }
  }

  /**
   * CRMFLOW_ADMIN_PASSWORD is the admin's password: a changed one takes effect at the next start (and
   * lifts a lockout from wrong guesses), not only when the user is first created. A password changed in
   * Camunda Admin lasts until the next start for the same reason; operators change it in the environment.
   */
  private void applyAdminPassword(String password) {
    if (identityService.checkPassword("admin", password)) {
      return;
    }
    User admin = identityService.createUserQuery().userId("admin").singleResult();
    admin.setPassword(password);
    try {
      identityService.saveUser(admin);
      identityService.unlockUser("admin");
      log.info("The admin password was set from the environment (CRMFLOW_ADMIN_PASSWORD)");
    } catch (OptimisticLockingException concurrent) {
      // another instance of the cluster, starting at the same moment, set the same password
      log.info("The admin password was set from the environment by another instance");
    }
  }

  private void group(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }

  private void user(String id, String password, String firstName, String lastName, String email, String groupId) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(password);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      identityService.saveUser(user);
    }
    if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(id, groupId);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }
}
