/**
 * Deletes what crmflow keeps only for a while: old Idempotency-Key answers, message-log rows, audit
 * entries.
 */
@ApplicationModule(allowedDependencies = {})
package io.crmflow.retention;

import org.springframework.modulith.ApplicationModule;
