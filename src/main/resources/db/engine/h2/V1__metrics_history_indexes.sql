-- Indexes the workflow metrics need on Camunda's history tables, beyond the engine's own: time ranges
-- within one process key (docs/performance.md).
create index if not exists CRM_IDX_HI_PI_KEY_END on ACT_HI_PROCINST (PROC_DEF_KEY_, END_TIME_);
create index if not exists CRM_IDX_HI_PI_KEY_START on ACT_HI_PROCINST (PROC_DEF_KEY_, START_TIME_);
create index if not exists CRM_IDX_HI_AI_KEY_END on ACT_HI_ACTINST (PROC_DEF_KEY_, END_TIME_);
