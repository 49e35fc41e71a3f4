-- Lead nurture, PATCH /api/leads/{id} and the stale-lead sweep.

-- the salesperson responsible for the lead (a Camunda user id); set through PATCH
alter table crm_lead add column owner varchar(100);
-- last time something happened with the lead: submitted, changed, replied, status changed
alter table crm_lead add column last_activity_at timestamp with time zone;
-- when the lead got its current status: an IN_REVIEW lead past the review service level is stale
alter table crm_lead add column status_changed_at timestamp with time zone;
-- why the lead's last nurture sequence ended (REPLIED, UNSUBSCRIBED, RESCORED_HOT, STOPPED, SEQUENCE_ENDED)
alter table crm_lead add column nurture_exit_reason varchar(20);

update crm_lead set last_activity_at = updated_at, status_changed_at = updated_at;

-- the stale-lead sweep counts by status and age without reading every lead
create index ix_crm_lead_status_activity on crm_lead (status, last_activity_at);
create index ix_crm_lead_status_changed on crm_lead (status, status_changed_at);

-- Every nurture sequence a lead went through. running_lead_id holds lead_id while the sequence
-- runs and null afterwards: the unique constraint keeps a lead in at most one sequence at a time,
-- even when two starts race past the check for a running instance.
create table crm_lead_nurture (
    process_instance_id  varchar(64)   not null primary key,
    lead_id              varchar(36)   not null references crm_lead (id),
    running_lead_id      varchar(36),
    started_at           timestamp with time zone not null,
    ended_at             timestamp with time zone,
    exit_reason          varchar(20),
    constraint uk_crm_lead_nurture_running unique (running_lead_id)
);

create index ix_crm_lead_nurture_lead on crm_lead_nurture (lead_id, started_at);
