-- Retention of crmflow's logs (docs/operations.md): one run per task and day in the whole cluster, and
-- the indexes that let old rows be found without reading the tables. Portable across H2 and PostgreSQL.

-- The primary key is the claim: of several instances starting the day's run, one inserts the row.
create table crm_maintenance_run (
    task        varchar(50)  not null,
    run_date    date         not null,
    started_at  timestamp with time zone not null,
    primary key (task, run_date)
);

create index ix_crm_idempotent_request_created on crm_idempotent_request (created_at);
create index ix_crm_message_created on crm_message (created_at);
