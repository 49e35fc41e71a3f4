-- Every message crmflow sends or decides not to send, and the addresses that must never get
-- marketing again.

create table crm_message (
    id                  varchar(36)   not null primary key,
    -- the process step visit that sends it (process instance, activity, job): a retried job
    -- finds its row and never sends twice
    message_key         varchar(250)  not null,
    message_id          varchar(300),
    channel             varchar(10)   not null,
    template            varchar(100)  not null,
    category            varchar(20)   not null,
    locale              varchar(10)   not null,
    recipient_kind      varchar(10)   not null,
    recipient           varchar(320),
    recipient_name      varchar(200),
    record_type         varchar(30),
    record_id           varchar(36),
    process_instance_id varchar(64),
    activity_id         varchar(100),
    status              varchar(20)   not null,
    attempts            integer       not null,
    detail              varchar(1000),
    model_json          varchar(8000),
    deferred_until      timestamp with time zone,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    sent_at             timestamp with time zone,
    constraint uk_crm_message_key unique (message_key)
);

create index ix_crm_message_record on crm_message (record_id, created_at);
create index ix_crm_message_cap on crm_message (recipient, category, sent_at);
create index ix_crm_message_deferred on crm_message (status, deferred_until);

-- Suppressed addresses, kept only as a salted SHA-256 of the normalised address.
create table crm_suppression (
    address_hash  varchar(64)  not null primary key,
    reason        varchar(30)  not null,
    created_at    timestamp with time zone not null
);

alter table crm_lead add column email_invalid boolean default false not null;
