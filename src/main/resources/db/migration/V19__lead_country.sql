-- Where the lead is (ISO 3166-1 alpha-2), for routing it to a team (bpmn/lead-routing.dmn). Optional.
alter table crm_lead add column country varchar(2);
