-- One contact per person (docs/contacts.md): leads, opportunities, quotes, cases and messages
-- reference the contact instead of carrying their own copy of the person's address and name.
-- V11 (a Java migration) moves the existing rows in; V12 then drops the copies. Portable across H2
-- and PostgreSQL.

create table crm_contact (
    id                 varchar(36)   not null primary key,
    -- the address as the person first gave it; every address of the contact is in crm_contact_address
    email              varchar(320)  not null,
    name               varchar(200),
    phone              varchar(40),
    company            varchar(200),
    locale             varchar(10)   not null,
    -- marketing email and marketing SMS are consented to separately
    marketing_consent  boolean       not null,
    sms_consent        boolean       not null,
    email_invalid      boolean       not null,
    -- LEAD, OPPORTUNITY, CUSTOMER: set by the processes, forward only
    lifecycle_stage    varchar(20)   not null,
    opportunity_at     timestamp with time zone,
    customer_at        timestamp with time zone,
    -- the last welcome email: at most one per crmflow.leads.welcome-interval
    welcomed_at        timestamp with time zone,
    erased_at          timestamp with time zone,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);

-- the lifecycle funnel counts contacts by the time they reached a stage
create index ix_crm_contact_created on crm_contact (created_at);
create index ix_crm_contact_opportunity on crm_contact (opportunity_at);
create index ix_crm_contact_customer on crm_contact (customer_at);

-- Every normalised address a contact is known by (two after a merge). The primary key lets only
-- one of two racing first submissions of an address create its contact.
create table crm_contact_address (
    email_normalized  varchar(320)  not null primary key,
    contact_id        varchar(36)   not null references crm_contact (id)
);

create index ix_crm_contact_address_contact on crm_contact_address (contact_id);

-- Every time the person (or a file, or support on their behalf) told crmflow about themselves.
-- No personal data: when, how, and the facts the lead-scoring decision reads.
create table crm_contact_submission (
    id             varchar(36)    not null primary key,
    contact_id     varchar(36)    not null references crm_contact (id),
    submitted_at   timestamp with time zone not null,
    -- api (POST /api/leads), import (CSV), case (POST /api/cases)
    channel        varchar(20)    not null,
    source         varchar(20),
    company_size   integer,
    budget         numeric(15, 2),
    -- the lead or case the submission went to
    lead_id        varchar(36),
    case_id        varchar(36),
    -- the caller (a system or staff user id)
    submitted_by   varchar(100)
);

create index ix_crm_contact_submission_contact on crm_contact_submission (contact_id, submitted_at);

alter table crm_lead add column contact_id varchar(36);
alter table crm_opportunity add column contact_id varchar(36);
alter table crm_quote add column contact_id varchar(36);
alter table crm_case add column contact_id varchar(36);
-- the contact a message went to or is about (staff notifications about a record)
alter table crm_message add column contact_id varchar(36);
-- when a marketing message took one of its contact's slots under the daily cap
alter table crm_message add column cap_taken_at timestamp with time zone;
-- holds the contact while the sequence runs: never two nurture sequences for one person
alter table crm_lead_nurture add column running_contact_id varchar(36);
-- an imported lead waiting for its paced intake start (POST /api/contacts/import?startIntake=true)
alter table crm_lead add column intake_queued_at timestamp with time zone;
