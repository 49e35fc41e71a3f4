-- crmflow's own records. Personal data lives here (never in process variables),
-- where it can be corrected, exported and erased. Portable across H2 and PostgreSQL.

create table crm_lead (
    id                 varchar(36)    not null primary key,
    name               varchar(200)   not null,
    email              varchar(320)   not null,
    email_normalized   varchar(320)   not null,
    phone              varchar(40),
    company            varchar(200),
    company_size       integer,
    budget             numeric(15, 2),
    source             varchar(20),
    locale             varchar(10)    not null,
    marketing_consent  boolean        not null,
    status             varchar(20)    not null,
    score              integer,
    rating             varchar(10),
    -- Holds email_normalized while the lead's intake runs, null afterwards: the unique
    -- constraint lets only one of two racing first submissions of an address win.
    open_intake_email  varchar(320),
    process_instance_id varchar(64),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    constraint uk_crm_lead_open_intake unique (open_intake_email)
);

create index ix_crm_lead_email on crm_lead (email_normalized);

create table crm_opportunity (
    id          varchar(36)  not null primary key,
    lead_id     varchar(36)  not null references crm_lead (id),
    owner       varchar(100) not null,
    status      varchar(20)  not null,
    created_at  timestamp with time zone not null,
    -- lead intake creates at most one opportunity per lead, so a retried job cannot add a second
    constraint uk_crm_opportunity_lead unique (lead_id)
);

-- Answers already given to requests carrying an Idempotency-Key, per caller.
create table crm_idempotent_request (
    principal        varchar(100)  not null,
    idempotency_key  varchar(200)  not null,
    request_hash     varchar(64)   not null,
    status_code      integer,
    location         varchar(500),
    response_body    varchar(4000),
    created_at       timestamp with time zone not null,
    primary key (principal, idempotency_key)
);
