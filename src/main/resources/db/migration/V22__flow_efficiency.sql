-- Flow efficiency (docs/metrics.md, Throughput rate and efficiency): how much of a completed instance's
-- end-to-end time was work. Ids and times only: no personal data (not even who claimed).
-- Portable across H2 and PostgreSQL.

-- When each user task was first given an assignee (claimed, or assigned at creation by the model),
-- recorded by metrics.TaskClaims: at history level audit Camunda keeps no claim time
-- (ACT_HI_IDENTITYLINK and ACT_HI_OP_LOG are written at level full only).
create table crm_task_claim (
    task_id_      varchar(64) not null primary key,
    proc_inst_id_ varchar(64),
    claimed_at    timestamp   not null
);
create index ix_crm_task_claim_claimed on crm_task_claim (claimed_at);

-- Instances completed in the hour (by END_TIME_), per process definition: how many, the sum of their
-- work time and of their end-to-end time in ms. Hours rolled up before this table existed have no rows
-- here; see docs/metrics.md.
create table crm_rollup_flow (
    hour_start     timestamp not null,
    proc_def_id_   varchar(64),
    proc_def_key_  varchar(255),
    flow_count     bigint not null,
    work_sum       bigint not null,
    end_to_end_sum bigint not null
);
create index ix_crm_rollup_flow on crm_rollup_flow (hour_start, proc_def_key_);
