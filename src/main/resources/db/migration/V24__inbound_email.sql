-- Inbound email through Mailgun (mailinbound): replies to crmflow's emails and late delivery events.

-- Handled once per event: an inbound email's Message-Id and a delivery event's id are claimed in crm_inbound_event
-- (V23), as inbound SMS are; so is each signature token, which Mailgun's signature does not bind to a body.

-- Emails that came back to a Reply-To address (reply+<token>@<reply domain>): what they said and what became
-- of them. Personal data (sender, subject, text) lives here only, never in the engine, and is erased with the
-- contact (InboundEmailPersonalData). Those whose address named no message of ours wait here for an admin.
create table crm_inbound_email (
    id                 varchar(36)              not null primary key,
    provider_event_id  varchar(300)             not null,
    -- the crm_message row the Reply-To named; null when it named none
    message_row_id     varchar(36),
    outcome            varchar(20)              not null,
    unmatched_reason   varchar(200),
    record_type        varchar(16),
    record_id          varchar(64),
    -- the quote's "read the reply" task (crm_record_task.id)
    record_task_id     varchar(36),
    contact_id         varchar(36),
    -- the envelope sender, normalised; erased with the contact
    sender             varchar(320),
    subject            varchar(1000),
    body               varchar(10000),
    received_at        timestamp with time zone not null
);

create index crm_inbound_email_record on crm_inbound_email (record_id, received_at);
create index crm_inbound_email_outcome on crm_inbound_email (outcome, received_at);
create index crm_inbound_email_contact on crm_inbound_email (contact_id);
create unique index crm_inbound_email_event on crm_inbound_email (provider_event_id);

-- Delivery events name the message by the Message-ID header crmflow gave it.
create index crm_message_message_id on crm_message (message_id);
