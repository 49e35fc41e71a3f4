-- Round-robin assignment (assignment.TeamRotation): per team, who was given the last piece of work. The row is
-- locked while the next member is chosen, so every instance of a cluster takes its turn in one order.
create table crm_team_rotation (
    team          varchar(64) not null primary key,
    last_user_id  varchar(64)
);

-- Who is away (assignment.Availability): no row = available. "until" null = until they say otherwise.
create table crm_user_availability (
    user_id     varchar(64)              not null primary key,
    available   boolean                  not null,
    until       timestamp with time zone,
    updated_at  timestamp with time zone not null
);
