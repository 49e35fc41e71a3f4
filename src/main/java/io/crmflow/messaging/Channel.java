package io.crmflow.messaging;

public enum Channel {
  EMAIL, SMS
}
