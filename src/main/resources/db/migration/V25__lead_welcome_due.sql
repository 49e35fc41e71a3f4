-- Whether the lead's intake sends the welcome email ("Welcome due?"): claimed on the contact when the intake
-- starts and kept with the lead, so the process reads it with the lead's other facts instead of holding a
-- variable of its own.
alter table crm_lead add column welcome_due boolean default false not null;
