/**
 * What processes share: typed process variables, record-change messages ({@code Lead.StatusChanged} …)
 * correlated into the engine, the timeline of a record's processes.
 */
@ApplicationModule(allowedDependencies = {"shared"})
package io.crmflow.process;

import org.springframework.modulith.ApplicationModule;
