/**
 * Who may do what: Camunda groups and per-process access, HTTP Basic and the webapps' session for
 * {@code /api}, the endpoint rules, the identity set-up, the staff directory.
 */
@ApplicationModule(allowedDependencies = {"web", "shared"})
package io.crmflow.security;

import org.springframework.modulith.ApplicationModule;
