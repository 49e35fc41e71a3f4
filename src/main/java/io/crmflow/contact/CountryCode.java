package io.crmflow.contact;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The value is an ISO 3166-1 alpha-2 country code ({@code DE}, {@code us}); null is valid. Store it as
 * {@link CountryCodes#normalise(String)} gives it.
 */
@Documented
@Constraint(validatedBy = CountryCode.Validator.class)
@Target({FIELD, RECORD_COMPONENT, PARAMETER})
@Retention(RUNTIME)
public @interface CountryCode {

  String message() default "must be an ISO 3166-1 alpha-2 country code, e.g. DE or US";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks against the JDK's list of ISO 3166-1 alpha-2 codes. */
  class Validator implements ConstraintValidator<CountryCode, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || CountryCodes.isKnown(CountryCodes.normalise(value));
    }
  }
}
