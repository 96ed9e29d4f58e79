-- The audit trail: one row per audit record event, stored once (event_id is unique) and in the
-- order it was stored (seq). Unqualified names on purpose: the schema comes from the connection
-- (Flyway's default schema), so tests can run each class in a schema of its own.
create table audit_record (
    seq             bigserial   primary key,
    event_id        text        not null unique,
    event_type      text        not null,
    event_source    text        not null,
    event_time      timestamptz,
    stored_at       timestamptz not null default now(),
    session_id      text        not null,
    occurred_at     timestamptz not null,
    action          text        not null,
    outcome         text        not null,
    actor_id        text        not null,
    actor_role      text        not null,
    resource_type   text        not null,
    resource_id     text        not null,
    source_service  text        not null,
    client_ip       text,
    trace_id        text,
    -- PHI (a participant's words). Stored in clear text for the walking skeleton; column
    -- encryption comes with a later issue. Never log it, never select it for roles without access.
    content         text,
    kafka_topic     text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null
);

comment on column audit_record.content is 'PHI: encrypt at rest in a later migration; never log';

-- The reviewer query: one session's records in stored order, paged by seq.
create index audit_record_session_seq on audit_record (session_id, seq);
