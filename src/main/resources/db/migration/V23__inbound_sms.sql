-- The SMS provider's id of each SMS crmflow sent (Twilio's MessageSid; the log-only sender's 'dev-' + message key):
-- its delivery reports name it.
alter table crm_message add column provider_message_id varchar(260);
create index ix_crm_message_provider_id on crm_message (provider_message_id);
