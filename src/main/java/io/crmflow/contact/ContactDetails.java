package io.crmflow.contact;

/**
 * What a submission says about the person. Null means "not given": it never clears a known value.
 *
 * @param phone            E.164 (see {@link PhoneNumbers})
 * @param marketingConsent true grants consent; false or null leave it as it is (consent is withdrawn by
 *                         unsubscribing or by staff, never by an unticked box on a later form)
 * @param smsConsent       the same, for marketing SMS
 */
public record ContactDetails(String email, String name, String phone, String company, ContactLocale locale,
                             Boolean marketingConsent, Boolean smsConsent) {

  public static ContactDetails ofAddress(String email) {
    return new ContactDetails(email, null, null, null, null, null, null);
  }
}
