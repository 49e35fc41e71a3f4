-- The "Review lead" form's free-text note, moved here from the process variables when the review
-- completes: notes about a lead often name the person, so they live where they can be exported and erased.
-- Portable across H2 and PostgreSQL.
alter table crm_lead add column review_note varchar(2000);
