-- The contact now holds the person's address, name, phone, company, locale and consents (V10, V11):
-- the copies on leads and cases go. Portable across H2 and PostgreSQL.

alter table crm_lead alter column contact_id set not null;
alter table crm_opportunity alter column contact_id set not null;
alter table crm_quote alter column contact_id set not null;
alter table crm_case alter column contact_id set not null;

alter table crm_lead add constraint fk_crm_lead_contact foreign key (contact_id) references crm_contact (id);
alter table crm_opportunity add constraint fk_crm_opportunity_contact foreign key (contact_id) references crm_contact (id);
alter table crm_quote add constraint fk_crm_quote_contact foreign key (contact_id) references crm_contact (id);
alter table crm_case add constraint fk_crm_case_contact foreign key (contact_id) references crm_contact (id);

create index ix_crm_lead_contact on crm_lead (contact_id, status);
create index ix_crm_opportunity_contact on crm_opportunity (contact_id);
create index ix_crm_quote_contact on crm_quote (contact_id);
create index ix_crm_case_contact on crm_case (contact_id);
create index ix_crm_message_contact on crm_message (contact_id, created_at);
create index ix_crm_lead_intake_queued on crm_lead (intake_queued_at);

alter table crm_lead_nurture add constraint uk_crm_lead_nurture_running_contact unique (running_contact_id);

-- de-duplication is by contact now (crm_contact_address), not by an open intake per address
alter table crm_lead drop constraint uk_crm_lead_open_intake;
drop index ix_crm_lead_email;
-- the marketing cap counts per contact (contact_id, cap_taken_at), not per address
drop index ix_crm_message_cap;

alter table crm_lead drop column name;
alter table crm_lead drop column email;
alter table crm_lead drop column email_normalized;
alter table crm_lead drop column phone;
alter table crm_lead drop column company;
alter table crm_lead drop column locale;
alter table crm_lead drop column marketing_consent;
alter table crm_lead drop column email_invalid;
alter table crm_lead drop column open_intake_email;

alter table crm_case drop column customer_email;
alter table crm_case drop column customer_name;
