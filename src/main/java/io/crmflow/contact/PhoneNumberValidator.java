package io.crmflow.contact;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Validates {@link PhoneNumber}: exactly what {@link PhoneNumbers#toE164} accepts with region "US".
 * Public because a Bean Validation provider outside Spring instantiates it through its public constructor.
 */
public class PhoneNumberValidator implements ConstraintValidator<PhoneNumber, CharSequence> {

  static final String DEFAULT_REGION = "US";

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    try {
      PhoneNumbers.toE164(value.toString(), DEFAULT_REGION);
      return true;
    } catch (IllegalArgumentException invalid) {
      return false;
    }
  }
}
