/**
 * Leads and their processes: lead intake (scoring, welcome, review, qualifying into an opportunity),
 * lead nurture, the stale-lead sweep; {@code /api/leads}, the CSV import.
 */
@ApplicationModule(allowedDependencies = {
    "opportunity", "assignment", "messaging", "contact", "audit", "process", "security", "recordtask", "tasklist",
    "web", "shared"})
package io.crmflow.lead;

import org.springframework.modulith.ApplicationModule;
