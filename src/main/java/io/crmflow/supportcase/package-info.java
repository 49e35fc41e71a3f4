/**
 * Support cases: triage, replies, service levels, refunds through the payment gateway;
 * {@code /api/cases}.
 */
@ApplicationModule(allowedDependencies = {
    "messaging", "contact", "audit", "process", "security", "recordtask", "tasklist", "web", "shared"})
package io.crmflow.supportcase;

import org.springframework.modulith.ApplicationModule;
