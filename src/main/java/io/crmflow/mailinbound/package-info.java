/**
 * Inbound email through Mailgun: replies to crmflow's emails, matched by their signed Reply-To address to the
 * nurture sequence, case or quote they answer, and late delivery events (hard bounces, complaints) reported
 * against the message log; {@code /api/inbound/email/**}, {@code /api/quotes/{id}/email-replies}. Nothing
 * depends on this module.
 */
@ApplicationModule(allowedDependencies = {
    "inbound", "lead", "supportcase", "quote", "recordtask", "messaging", "contact", "calendar", "audit", "security", "web",
    "shared"})
package io.crmflow.mailinbound;

import org.springframework.modulith.ApplicationModule;
