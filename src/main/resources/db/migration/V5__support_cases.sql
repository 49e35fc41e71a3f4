-- Support cases and the customers' replies to them. Personal data (customer email and name,
-- subject, description, resolution text, replies) lives here, never in process variables.
-- Portable across H2 and PostgreSQL.

-- Human-readable case numbers (CASE-000123); a sequence is safe for concurrent submissions.
create sequence crm_case_number_seq start with 1 increment by 1;

create table crm_case (
    id                  varchar(36)    not null primary key,
    case_number         varchar(20)    not null,
    customer_email      varchar(320)   not null,
    customer_name       varchar(200),
    subject             varchar(200)   not null,
    description         varchar(10000) not null,
    category            varchar(20)    not null,
    order_reference     varchar(100),
    refund_amount       numeric(12, 2),
    priority            varchar(10),
    team                varchar(50),
    status              varchar(30)    not null,
    resolution          varchar(4000),
    -- REQUESTED, PAID, REJECTED, FAILED; null without a refund
    refund_status       varchar(20),
    -- the payment gateway's id of the refund once it is paid
    refund_reference    varchar(100),
    process_instance_id varchar(64),
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    resolved_at         timestamp with time zone,
    closed_at           timestamp with time zone,
    constraint uk_crm_case_number unique (case_number)
);

create index ix_crm_case_status on crm_case (status);

create table crm_case_reply (
    id          varchar(36)    not null primary key,
    case_id     varchar(36)    not null references crm_case (id),
    message     varchar(10000) not null,
    -- who posted it through the API (a system or a support agent on the customer's behalf)
    received_by varchar(100)   not null,
    -- true when the reply reopened a resolved case or one waiting for the customer
    reopened    boolean        not null,
    created_at  timestamp with time zone not null
);

create index ix_crm_case_reply_case on crm_case_reply (case_id, created_at);
