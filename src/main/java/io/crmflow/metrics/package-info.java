/**
 * How fast and how well the processes run: workflow and lifecycle metrics, hourly rollups, meters
 * for Prometheus, the dashboard.
 */
@ApplicationModule(allowedDependencies = {"contact", "shared"})
package io.crmflow.metrics;

import org.springframework.modulith.ApplicationModule;
