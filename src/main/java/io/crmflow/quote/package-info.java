/**
 * Quotes and quote approval: lines, discounts by decision table, approvals, the customer's answer,
 * coupons; {@code /api/quotes}, {@code /api/coupons}.
 */
@ApplicationModule(allowedDependencies = {
    "opportunity", "messaging", "contact", "audit", "process", "security", "recordtask", "tasklist", "web",
    "shared"})
package io.crmflow.quote;

import org.springframework.modulith.ApplicationModule;
