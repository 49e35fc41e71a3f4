/**
 * Who gets the next piece of work: round robin within a team (a Camunda group), skipping members who
 * are away or at their capacity; members' availability ({@code PUT /api/users/{userId}/availability}).
 */
@ApplicationModule(allowedDependencies = {"security", "web", "shared"})
package io.crmflow.assignment;

import org.springframework.modulith.ApplicationModule;
