package io.crmflow.lead;

/**
 * Where a lead stands. NEW and IN_REVIEW belong to lead intake; NURTURING leads get the nurture
 * sequence (with consent); COLD leads finished it without reacting.
 */
public enum LeadStatus {
  NEW, IN_REVIEW, QUALIFIED, DISQUALIFIED, NURTURING, COLD
}
