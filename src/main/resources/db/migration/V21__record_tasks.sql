-- To-dos people add to a record (recordtask.RecordTasks): what to do is free text a person typed, so it is kept
-- here, next to the record, and never in the engine. The process instance (bpmn/record-task.bpmn, business
-- key = record_id) carries the Tasklist task: its assignee, candidate groups and due date, but no title.
create table crm_record_task (
    id                   varchar(36)              not null primary key,
    record_type          varchar(16)              not null,
    record_id            varchar(64)              not null,
    title                varchar(200)             not null,
    due_at               timestamp with time zone not null,
    assignee             varchar(64)              not null,
    created_by           varchar(64)              not null,
    created_at           timestamp with time zone not null,
    process_instance_id  varchar(64)              not null,
    task_id              varchar(64),
    completed_at         timestamp with time zone,
    completed_by         varchar(64)
);

create index crm_record_task_record on crm_record_task (record_id, created_at);
create unique index crm_record_task_process on crm_record_task (process_instance_id);
