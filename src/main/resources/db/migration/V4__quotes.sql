-- Quotes for opportunities, their line items and the coupons accepted quotes earn.
-- Money is DECIMAL, never floating point. Portable across H2 and PostgreSQL.

create table crm_quote (
    id                     varchar(36)    not null primary key,
    opportunity_id         varchar(36)    not null references crm_opportunity (id),
    lead_id                varchar(36)    not null references crm_lead (id),
    -- the user id of the salesperson who created the quote
    owner                  varchar(100)   not null,
    status                 varchar(20)    not null,
    subtotal               numeric(19, 2) not null,
    discount_percent       numeric(5, 2)  not null,
    discount_amount        numeric(19, 2) not null,
    total                  numeric(19, 2) not null,
    validity_days          integer,
    valid_until            timestamp with time zone,
    rejection_reason       varchar(2000),
    rejected_by            varchar(100),
    process_instance_id    varchar(64),
    -- Holds opportunity_id while the quote is in approval or sent, null afterwards: the unique
    -- constraint lets only one of two racing requests open a quote for an opportunity.
    active_opportunity_id  varchar(36),
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    constraint uk_crm_quote_active unique (active_opportunity_id)
);

create index ix_crm_quote_opportunity on crm_quote (opportunity_id, created_at);

create table crm_quote_line (
    quote_id    varchar(36)    not null references crm_quote (id),
    line_no     integer        not null,
    product     varchar(200)   not null,
    quantity    integer        not null,
    unit_price  numeric(19, 2) not null,
    line_total  numeric(19, 2) not null,
    primary key (quote_id, line_no)
);

-- One-time coupon codes for accepted quotes: at most one per quote, so a retried job never issues two.
create table crm_coupon (
    code         varchar(32)  not null primary key,
    quote_id     varchar(36)  not null references crm_quote (id),
    expires_at   timestamp with time zone not null,
    redeemed_at  timestamp with time zone,
    created_at   timestamp with time zone not null,
    constraint uk_crm_coupon_quote unique (quote_id)
);

-- A quote email lists up to 100 line items; its rendering model outgrows the message log's 8000 characters.
alter table crm_message alter column model_json set data type varchar(65536);
