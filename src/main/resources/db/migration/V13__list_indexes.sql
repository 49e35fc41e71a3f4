-- The workspace's lists and GET /api/leads, /cases, /opportunities, /quotes: newest first by default,
-- filtered by status, owner, team or priority, paged (docs/workspace.md has the measured times).
-- Portable across H2 and PostgreSQL.

create index ix_crm_lead_created on crm_lead (created_at);
create index ix_crm_lead_status_created on crm_lead (status, created_at);
create index ix_crm_lead_owner_created on crm_lead (owner, created_at);
create index ix_crm_lead_rating_created on crm_lead (rating, created_at);

create index ix_crm_case_created on crm_case (created_at);
create index ix_crm_case_status_created on crm_case (status, created_at);
create index ix_crm_case_team_created on crm_case (team, created_at);

create index ix_crm_opportunity_created on crm_opportunity (created_at);
create index ix_crm_opportunity_owner_created on crm_opportunity (owner, created_at);

create index ix_crm_quote_created on crm_quote (created_at);
create index ix_crm_quote_owner_created on crm_quote (owner, created_at);
