package io.crmflow.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  record Contact(@PhoneNumber String phone) {
  }

  private static ValidatorFactory factory;
  private static Validator validator;

  @BeforeAll
  static void createValidator() {
    factory = Validation.buildDefaultValidatorFactory();
    validator = factory.getValidator();
  }

  @AfterAll
  static void closeValidator() {
    factory.close();
  }

  @Test
  void normalisesInternationalNumbers() {
    assertThat(PhoneNumbers.toE164("+49 30 1234567", "US")).isEqualTo("+49301234567");
  }

  @Test
  void readsNationalNumbersInTheDefaultRegion() {
    assertThat(PhoneNumbers.toE164("(202) 555-0143", "US")).isEqualTo("+12025550143");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12", "call me", "+999 123", "", "  "})
  void rejectsWhatIsNoPhoneNumber(String raw) {
    assertThatThrownBy(() -> PhoneNumbers.toE164(raw, "US"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be a valid phone number, e.g. +49 30 1234567");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> PhoneNumbers.toE164(null, "US")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void annotationAcceptsValidNumbersAndNull() {
    assertThat(validator.validate(new Contact("+49 30 1234567"))).isEmpty();
    assertThat(validator.validate(new Contact("(202) 555-0143"))).isEmpty();
    assertThat(validator.validate(new Contact(null))).isEmpty();
  }

  @Test
  void annotationRejectsInvalidNumbersNamingTheField() {
    Set<ConstraintViolation<Contact>> violations = validator.validate(new Contact("call me"));

    assertThat(violations).singleElement().satisfies(violation -> {
      assertThat(violation.getPropertyPath()).hasToString("phone");
      assertThat(violation.getMessage())
          .isEqualTo("must be a valid phone number in international format, e.g. +49 30 1234567");
    });
  }
}
