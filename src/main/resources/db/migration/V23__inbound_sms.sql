-- The SMS provider's id of each SMS crmflow sent (Twilio's MessageSid; the log-only sender's 'dev-' + message key):
-- its delivery reports name it.
alter table crm_message add column provider_message_id varchar(260);
create index ix_crm_message_provider_id on crm_message (provider_message_id);

-- Events providers send crmflow (inbound SMS, delivery reports; inbound email later), each handled once:
-- the row is written in the transaction that handles the event, so a repeat finds it and changes nothing,
-- and an event whose handling failed is handled again when the provider retries it. No personal data.
create table crm_inbound_event (
    provider     varchar(32)              not null,
    -- the provider's id of the event: an inbound SMS's MessageSid; a status callback's MessageSid:status; an
    -- inbound email's Message-Id (up to 300 characters)
    event_id     varchar(300)             not null,
    kind         varchar(32)              not null,
    outcome      varchar(64)              not null,
    record_type  varchar(16),
    record_id    varchar(64),
    received_at  timestamp with time zone not null,
    primary key (provider, event_id)
);
create index ix_crm_inbound_event_received on crm_inbound_event (received_at);

-- Inbound messages crmflow could not put on a record (no contact has the sender's number, or the contact
-- has no open case or lead), kept for administrators instead of being lost. Personal data: erased with the
-- contact whose number sent it.
create table crm_inbound_unmatched (
    id           varchar(36)              not null primary key,
    provider     varchar(32)              not null,
    event_id     varchar(128)             not null,
    sender       varchar(64)              not null,
    recipient    varchar(64),
    body         varchar(2000),
    contact_id   varchar(36),
    reason       varchar(64)              not null,
    received_at  timestamp with time zone not null,
    constraint uk_crm_inbound_unmatched_event unique (provider, event_id)
);
create index ix_crm_inbound_unmatched_received on crm_inbound_unmatched (received_at);
create index ix_crm_inbound_unmatched_sender on crm_inbound_unmatched (sender);
create index ix_crm_inbound_unmatched_contact on crm_inbound_unmatched (contact_id);

-- an inbound SMS finds its contact by the sender's number (E.164, as every stored number is)
create index ix_crm_contact_phone on crm_contact (phone);
