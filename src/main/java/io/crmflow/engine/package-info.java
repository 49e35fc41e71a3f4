/**
 * The embedded Camunda engine's set-up: crmflow's migrations on Camunda's tables, {@code /engine-rest}
 * and its conflict answers, the start-up lock of a cluster, the FEEL expression cache, the history level
 * {@code lean-audit}. Depends on no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.crmflow.engine;

import org.springframework.modulith.ApplicationModule;
