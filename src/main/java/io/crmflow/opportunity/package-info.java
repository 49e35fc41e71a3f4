/**
 * Opportunities: opened for a qualified lead (by lead intake), followed up by their owner (the
 * opportunity-follow-up process), won or lost by their quotes;
 * {@code /api/opportunities}. Knows nothing of leads beyond their id.
 */
@ApplicationModule(allowedDependencies = {"contact", "process", "security", "recordtask", "tasklist", "web", "shared"})
package io.crmflow.opportunity;

import org.springframework.modulith.ApplicationModule;
