-- Indexes the workflow metrics need on Camunda's history tables, beyond the engine's own: time ranges
-- within one process key, carrying (INCLUDE) the columns the metrics read, so PostgreSQL answers from
-- the index alone (docs/performance.md). Built CONCURRENTLY: a live cluster keeps writing history
-- meanwhile (hence no transaction: see the .conf file). IF NOT EXISTS: installations that had them
-- from start-up code keep them.
create index concurrently if not exists CRM_IDX_HI_PI_END_COVER on ACT_HI_PROCINST (END_TIME_)
    include (PROC_DEF_KEY_, PROC_DEF_ID_, STATE_, DURATION_, END_ACT_ID_);
create index concurrently if not exists CRM_IDX_HI_PI_START_COVER on ACT_HI_PROCINST (START_TIME_)
    include (PROC_DEF_KEY_, PROC_DEF_ID_);
create index concurrently if not exists CRM_IDX_HI_AI_KEY_END_COVER on ACT_HI_ACTINST (PROC_DEF_KEY_, END_TIME_)
    include (ACT_ID_, ACT_TYPE_, DURATION_);
