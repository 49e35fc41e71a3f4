/**
 * SMS providers: the log-only default and a Twilio-compatible client; the Twilio webhooks' paths and
 * signature check, which the inbound module serves.
 */
@NamedInterface("sms")
package io.crmflow.messaging.sms;

import org.springframework.modulith.NamedInterface;
