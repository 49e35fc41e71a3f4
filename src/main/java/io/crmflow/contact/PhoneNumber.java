package io.crmflow.contact;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The value is a phone number libphonenumber accepts as valid (US numbers may omit "+1"); null is valid.
 * Normalise an accepted value with {@link PhoneNumbers#toE164(String, String)} and region "US".
 */
@Documented
@Constraint(validatedBy = PhoneNumberValidator.class)
@Target({FIELD, RECORD_COMPONENT, PARAMETER})
@Retention(RUNTIME)
public @interface PhoneNumber {

  String message() default "must be a valid phone number in international format, e.g. +49 30 1234567";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
