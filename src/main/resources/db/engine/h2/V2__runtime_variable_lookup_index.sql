-- The engine reads an execution's variables with EXECUTION_ID_ = ? AND TASK_ID_ IS NULL. Without column
-- statistics H2 rates its index on TASK_ID_ as good as the one on EXECUTION_ID_ and may take it: then every
-- lookup scans the variables of every running instance (none has a task id), and a backlog of jobs makes
-- each job slower the longer it grows. Both columns in one index make the right choice the cheaper one
-- (docs/performance.md). PostgreSQL plans this from its statistics and needs nothing.
create index if not exists CRM_IDX_VAR_EXECUTION on ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_);
