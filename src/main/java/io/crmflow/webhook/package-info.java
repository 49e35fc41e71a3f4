/**
 * Outbound webhooks a modeler adds without Java: the "Call webhook" element template's step sends a snapshot of
 * the process's record to an endpoint an operator configured ({@code crmflow.webhooks.endpoints.<name>}), signed
 * as the Standard Webhooks specification says, retried on failure, and a BPMN error when the receiver refuses.
 */
@ApplicationModule(allowedDependencies = {"lead", "opportunity", "quote", "supportcase", "shared"})
package io.crmflow.webhook;

import org.springframework.modulith.ApplicationModule;
