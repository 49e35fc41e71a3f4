package io.crmflow.lead;

/** What {@code POST /api/leads} answers: the lead and the intake working on it. */
public record IntakeReceipt(String leadId, String processInstanceId) {
}
