package io.crmflow.opportunity;

public enum OpportunityStatus {
  OPEN, WON, LOST
}
