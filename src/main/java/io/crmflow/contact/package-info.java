/**
 * Contacts, one per person: email address and phone number value types, consents, lifecycle stage,
 * submissions, merge, the personal-data SPI other modules implement ({@link io.crmflow.contact.PersonalDataHolder}).
 */
@ApplicationModule(allowedDependencies = {"audit", "process", "web", "shared"})
package io.crmflow.contact;

import org.springframework.modulith.ApplicationModule;
