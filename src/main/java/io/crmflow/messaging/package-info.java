/**
 * Email and SMS for every process: the send-task delegate behind the element templates, templates,
 * the message log, consent, suppression, the marketing cap, unsubscribe, delivery.
 */
@ApplicationModule(allowedDependencies = {"contact", "security", "web", "shared"})
package io.crmflow.messaging;

import org.springframework.modulith.ApplicationModule;
