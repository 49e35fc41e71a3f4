-- Hourly rollups of Camunda's history for the workflow metrics (README, Workflow metrics): the
-- metrics read whole rolled-up hours from here and only the rest of a window from ACT_HI_*.
-- Keys, ids, counts and durations only: no personal data. Columns taken from a history column keep
-- its name (PROC_DEF_ID_ …), so one query text groups history and rollups alike.
-- Portable across H2 and PostgreSQL.

-- One row per rolled-up hour [hour_start, hour_end), inserted in the same transaction as the
-- hour's aggregates: the primary key is the claim, so a second node rolling up the hour fails
-- and nothing is counted twice.
create table crm_rollup_hour (
    hour_start   timestamp not null primary key,
    hour_end     timestamp not null,
    rolled_up_at timestamp not null
);

-- Instances started (by START_TIME_) and ended (by END_TIME_, completed or not) in the hour.
create table crm_rollup_instance (
    hour_start     timestamp not null,
    proc_def_id_   varchar(64),
    proc_def_key_  varchar(255),
    started        bigint not null,
    ended          bigint not null
);
create index ix_crm_rollup_instance on crm_rollup_instance (hour_start, proc_def_key_);

-- Instances completed (STATE_ = 'COMPLETED') in the hour, per end event and end-to-end duration
-- bucket (see DurationHistogram): count, sum and maximum of their durations in ms.
create table crm_rollup_completed (
    hour_start      timestamp not null,
    proc_def_id_    varchar(64),
    proc_def_key_   varchar(255),
    end_act_id_     varchar(255),
    duration_bucket integer,
    duration_count  bigint not null,
    duration_sum    bigint,
    duration_max    bigint
);
create index ix_crm_rollup_completed on crm_rollup_completed (hour_start, proc_def_key_);

-- Activity instances ended in the hour, per process, activity and duration bucket.
create table crm_rollup_activity (
    hour_start      timestamp not null,
    proc_def_key_   varchar(255),
    act_id_         varchar(255),
    act_type_       varchar(255),
    duration_bucket integer,
    duration_count  bigint not null,
    duration_sum    bigint,
    duration_max    bigint
);
create index ix_crm_rollup_activity on crm_rollup_activity (hour_start, proc_def_key_);
