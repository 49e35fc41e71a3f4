/**
 * Opportunities: opened for a qualified lead (by lead intake), won or lost by their quotes;
 * {@code /api/opportunities}. Knows nothing of leads beyond their id.
 */
@ApplicationModule(allowedDependencies = {"contact", "process", "security", "web", "shared"})
package io.crmflow.opportunity;

import org.springframework.modulith.ApplicationModule;
