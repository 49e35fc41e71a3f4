package io.crmflow.supportcase;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text that may span lines (a description, a reply): line breaks and tabs are fine, other
 * control characters (NUL, escape sequences) are not — PostgreSQL refuses NUL, terminals obey escapes.
 */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*")
public @interface MultiLineText {

  String message() default "must not contain control characters other than line breaks and tabs";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
