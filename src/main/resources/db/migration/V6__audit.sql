-- Who did what to which record, and when. Kept after a contact's data is erased, so it holds
-- no personal data: ids, action names, field and variable names, non-personal values.
create table crm_audit (
    id                  varchar(36)   not null primary key,
    occurred_at         timestamp with time zone not null,
    actor               varchar(100)  not null,
    action              varchar(60)   not null,
    record_type         varchar(40),
    record_id           varchar(100),
    process_instance_id varchar(64),
    -- a JSON object
    details             varchar(4000)
);

create index ix_crm_audit_record on crm_audit (record_id, occurred_at);
create index ix_crm_audit_time on crm_audit (occurred_at);
