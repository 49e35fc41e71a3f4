/**
 * The record behind a Tasklist task ({@code /api/tasks/{id}/record}) for the Tasklist plug-in, and links
 * into Tasklist and Cockpit. Each process module declares its record type as a
 * {@link io.crmflow.tasklist.TaskRecordType} bean.
 */
@ApplicationModule(allowedDependencies = {"web", "shared"})
package io.crmflow.tasklist;

import org.springframework.modulith.ApplicationModule;
