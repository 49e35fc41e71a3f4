/**
 * The audit log: who did what to which record, API changes and every completed user task.
 */
@ApplicationModule(allowedDependencies = {"tasklist", "shared"})
package io.crmflow.audit;

import org.springframework.modulith.ApplicationModule;
