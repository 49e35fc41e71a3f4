/**
 * The API's plumbing, used by every module with an endpoint: the one mapping of domain failures to
 * problem+json, Idempotency-Key, paging, body limits, client addresses, the public URL of every link, the
 * OpenAPI description.
 */
@ApplicationModule(allowedDependencies = {"shared"})
package io.crmflow.web;

import org.springframework.modulith.ApplicationModule;
