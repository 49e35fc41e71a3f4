package io.crmflow.tasklist;

/**
 * {@code GET /api/tasks/{taskId}/record}: the record a task works on, and where to read and open it.
 *
 * @param type              {@code lead}, {@code case} or {@code quote}
 * @param id                the record id (the process instance's business key)
 * @param href              crmflow's page for the record
 * @param api               crmflow's API for the record: the plug-in reads it as the logged-in user
 * @param taskDefinitionKey the task's id in the model, e.g. {@code Task_ApproveRefund}: a refund
 *                          approval and a case to handle show the same case differently on their cards
 */
record TaskRecord(String type, String id, String href, String api, String taskDefinitionKey) {
}
