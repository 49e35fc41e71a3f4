/**
 * Events providers send crmflow: inbound SMS and SMS delivery reports from Twilio (inbound email later).
 * Each is checked to be the provider's (its signature), rate-limited per client address, handled once per
 * provider event id ({@link io.crmflow.inbound.InboundEvents}), audited; a message crmflow cannot put on a
 * record is kept for administrators ({@code /api/inbound/unmatched}).
 */
@ApplicationModule(allowedDependencies = {
    "lead", "supportcase", "messaging", "messaging :: sms", "contact", "audit", "web", "shared"})
package io.crmflow.inbound;

import org.springframework.modulith.ApplicationModule;
