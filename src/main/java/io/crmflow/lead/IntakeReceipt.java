package io.crmflow.lead;

/** What {@code POST /api/leads} answers: the lead, its person's contact and the intake working on the lead. */
public record IntakeReceipt(String leadId, String contactId, String processInstanceId) {
}
