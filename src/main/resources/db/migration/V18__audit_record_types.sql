-- One spelling of a record type in every table: lower case, as crm_message and the Tasklist plug-in have it
-- (shared.RecordType).
update crm_audit set record_type = lower(record_type) where record_type in ('Lead', 'Quote', 'Case', 'Contact');
-- A task completion named its process; it names the record the process's business key is, as new rows do.
update crm_audit set record_type = 'lead' where action = 'task.completed' and record_type = 'lead-intake';
update crm_audit set record_type = 'quote' where action = 'task.completed' and record_type = 'quote-approval';
update crm_audit set record_type = 'case' where action = 'task.completed' and record_type = 'support-case';
update crm_audit set record_type = null
 where action = 'task.completed' and record_type not in ('lead', 'quote', 'case');
