/**
 * Data-protection requests: a contact's personal data exported and erased across every module's
 * records ({@code /api/contacts/{id}/export}, {@code DELETE /api/contacts/{id}}).
 */
@ApplicationModule(allowedDependencies = {"messaging", "contact", "audit", "process", "web", "shared"})
package io.crmflow.privacy;

import org.springframework.modulith.ApplicationModule;
