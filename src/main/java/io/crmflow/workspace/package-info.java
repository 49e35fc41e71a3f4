/**
 * The workspace's pages under {@code /app}: lists and pages of leads, opportunities, quotes, cases
 * and contacts, for the people who work on them. Reads every record module; none reads it.
 */
@ApplicationModule(allowedDependencies = {
    "lead", "opportunity", "quote", "supportcase", "contact", "messaging", "process", "security",
    "recordtask", "tasklist", "web", "shared"})
package io.crmflow.workspace;

import org.springframework.modulith.ApplicationModule;
