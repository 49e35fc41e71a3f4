-- Requests with an Idempotency-Key keep a reference to the record they answered with, not the answer's
-- body: a replay reads the record again. Bodies outgrew varchar(4000) (a quote of 100 lines), and a
-- stored body was one more copy of a record to find at erasure (by a LIKE scan); the record id is
-- indexed. Answers stored before this version are forgotten: a retry of such a request runs again
-- (a lead submission merges into its lead; a quote request meets the opportunity's active quote).
-- Portable across H2 and PostgreSQL.
delete from crm_idempotent_request;
alter table crm_idempotent_request drop column response_body;
alter table crm_idempotent_request add column record_id varchar(36);
create index ix_crm_idempotent_request_record on crm_idempotent_request (record_id);
