package io.crmflow.lead;

public enum LeadStatus {
  NEW, IN_REVIEW, QUALIFIED, DISQUALIFIED, NURTURING
}
