/**
 * What every module may use and that depends on nothing: the kinds of CRM record ({@link io.crmflow.shared.RecordType}) and
 * the failures services report ({@link io.crmflow.shared.DomainException}: not found, conflict, invalid field), which
 * each caller turns into its own answer.
 */
@ApplicationModule(allowedDependencies = {})
package io.crmflow.shared;

import org.springframework.modulith.ApplicationModule;
