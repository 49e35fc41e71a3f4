package io.crmflow.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Rejects CR, LF, TAB and every other control character: values such as names and addresses
 * end up in mail headers and logs, where a line break is an injection.
 */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NoControlCharacters.Validator.class)
public @interface NoControlCharacters {

  String message() default "must not contain control characters such as line breaks";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<NoControlCharacters, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      return value == null || !containsControlCharacter(value);
    }

    /** CR, LF, TAB, other C0/C1 controls and the Unicode line/paragraph separators. */
    public static boolean containsControlCharacter(CharSequence value) {
      return value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
          || c == '\u2028' || c == '\u2029');
    }
  }
}
