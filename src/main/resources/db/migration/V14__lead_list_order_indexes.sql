-- The lead lists (GET /api/leads, the workspace's /app/leads) page by offset in one fixed order: the
-- sort column, then the lead id as tie-breaker (Paging.orderBy), newest first by default. With the id
-- in the index, the database walks the index to the page instead of sorting every lead that matches:
-- on 100 000 leads that took H2 up to a second for a page deep in the list or a common rating
-- (docs/workspace.md, "How fast"). DESC NULLS LAST is the order Paging asks for a newest-first list;
-- read backwards it gives ASC NULLS FIRST, the oldest-first one. These replace V13's lead indexes,
-- which they begin with. Portable across H2 and PostgreSQL.

create index ix_crm_lead_created_id on crm_lead (created_at desc nulls last, id desc);
create index ix_crm_lead_status_created_id on crm_lead (status, created_at desc nulls last, id desc);
create index ix_crm_lead_owner_created_id on crm_lead (owner, created_at desc nulls last, id desc);
create index ix_crm_lead_rating_created_id on crm_lead (rating, created_at desc nulls last, id desc);

drop index ix_crm_lead_created;
drop index ix_crm_lead_status_created;
drop index ix_crm_lead_owner_created;
drop index ix_crm_lead_rating_created;
