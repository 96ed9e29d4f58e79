-- The audit trail, second shape: every stored event (audit records, safety verdicts, escalation
-- steps) in one common shape, monthly partitions on event time, a hash chain per session, message
-- text encrypted (AES-256-GCM envelope), and a write role that can only insert and read.
-- See docs/adr/0008-audit-chain-and-encryption.md for the canonical form, the keys and the roles.
--
-- Unqualified names on purpose: the schema comes from the connection (Flyway's default schema), so
-- tests can run each class in a schema of its own. Roles are cluster-wide and created only once.
--
-- The walking skeleton's table held clear-text PHI and no chain; its rows are not carried over.
drop table if exists audit_record;

-- Roles. tta_audit_writer: what the ingest transaction runs as (SET LOCAL ROLE): INSERT and
-- SELECT on the trail, never UPDATE, DELETE or TRUNCATE. The owner is whoever runs Flyway (the
-- service's login); it creates and drops partitions and moves rows out of the default partition.
do $$
begin
    create role tta_audit_writer nologin;
exception when duplicate_object or unique_violation then
    null;
end
$$;
do $$
begin
    create role tta_audit_reader nologin;
exception when duplicate_object or unique_violation then
    null;
end
$$;

-- The login that runs the service must be able to SET ROLE to the writer role.
do $$
begin
    execute format('grant tta_audit_writer to %I', current_user);
exception when insufficient_privilege or invalid_grant_operation then
    raise notice 'grant tta_audit_writer to % yourself (as a role administrator)', current_user;
end
$$;

-- Data-encryption keys, each wrapped (AES-256-GCM) by a key-encryption key from configuration.
create table audit_data_key (
    id           bigint      generated always as identity primary key,
    kek_id       text        not null,
    wrap_nonce   bytea       not null,
    wrapped_key  bytea       not null,
    created_at   timestamptz not null
);
comment on table audit_data_key is 'Envelope encryption: one data key per time window, wrapped by the KEK named kek_id';

-- The stored order of the whole trail (a stable tie-breaker for readers).
create sequence audit_record_seq;

create table audit_record (
    seq                 bigint      not null default nextval('audit_record_seq'),
    event_id            text        not null,
    event_type          text        not null,
    event_source        text        not null,
    kind                text        not null,
    -- when
    event_time          timestamptz not null,
    stored_at           timestamptz not null,
    -- who
    subject_id          text,
    subject_role        text,
    client_id           text,
    -- what
    action              text        not null,
    resource_type       text,
    resource_id         text,
    outcome             text,
    -- where
    session_id          text,
    source_service      text,
    client_ip           text,
    trace_id            text,
    -- safety verdicts and escalations: the tier and the category
    severity            text,
    category            text,
    -- the event data without its message text
    payload             jsonb       not null,
    -- the message text (PHI), AES-256-GCM under the data key content_key_id, AAD = event id
    content_key_id      bigint      references audit_data_key (id),
    content_nonce       bytea,
    content_ciphertext  bytea,
    -- the hash chain
    chain_id            text        not null,
    chain_seq           bigint      not null,
    prev_hash           bytea       not null,
    row_hash            bytea       not null,
    -- where in Kafka it was read (provenance, not hashed)
    kafka_topic         text,
    kafka_partition     int,
    kafka_offset        bigint,
    primary key (event_id, event_time),
    constraint audit_record_content_complete check (
        (content_key_id is null) = (content_ciphertext is null) and (content_nonce is null) = (content_ciphertext is null))
) partition by range (event_time);

comment on column audit_record.content_ciphertext is 'PHI, encrypted; decrypted only in the reviewer read path';
comment on column audit_record.payload is 'Event data with message text removed (that text is in content_ciphertext)';

-- Rows whose month has no partition yet land here; the partition job moves them out.
create table audit_record_default partition of audit_record default;

create index audit_record_session_time on audit_record (session_id, event_time, seq);
create index audit_record_chain on audit_record (chain_id, chain_seq);
create index audit_record_time on audit_record (event_time, seq);
create index audit_record_subject_time on audit_record (subject_id, event_time);

-- Exactly once across partitions: the primary key above includes the partition key, so this table
-- is what makes an event id unique. Pruned by the retention job with the partitions.
create table audit_event_id (
    event_id    text        primary key,
    event_time  timestamptz not null
);
create index audit_event_id_time on audit_event_id (event_time);

-- One row per chain: its last link, locked FOR UPDATE by the batch that extends it.
create table audit_chain_head (
    chain_id          text        primary key,
    last_seq          bigint      not null,
    last_hash         bytea       not null,
    updated_at        timestamptz not null,
    checkpointed_seq  bigint      not null default 0
);
create index audit_chain_head_pending on audit_chain_head (chain_id) where last_seq > checkpointed_seq;

-- Signed checkpoints (Ed25519) over chain heads; the same document goes to tta.audit.checkpoints.v1.
create table audit_checkpoint (
    checkpoint_id  text        primary key,
    created_at     timestamptz not null,
    key_id         text        not null,
    entry_count    int         not null,
    merkle_root    bytea       not null,
    signature      bytea       not null,
    published      boolean     not null default false
);
create table audit_checkpoint_entry (
    checkpoint_id  text   not null references audit_checkpoint (checkpoint_id),
    chain_id       text   not null,
    chain_seq      bigint not null,
    head_hash      bytea  not null,
    primary key (checkpoint_id, chain_id)
);
create index audit_checkpoint_entry_chain on audit_checkpoint_entry (chain_id, chain_seq desc);

-- Partitions dropped by the retention job (the drop is also an audit record of its own).
create table audit_retention_drop (
    partition_name  text        primary key,
    range_start     timestamptz not null,
    range_end       timestamptz not null,
    dropped_at      timestamptz not null
);

-- Privileges. On a partitioned table they are checked on the parent only, so new partitions need none.
grant usage on schema ${flyway:defaultSchema} to tta_audit_writer, tta_audit_reader;
grant select, insert on audit_record, audit_event_id, audit_data_key to tta_audit_writer;
grant usage on sequence audit_record_seq to tta_audit_writer;
grant select, insert, update on audit_chain_head to tta_audit_writer;
grant select on audit_checkpoint, audit_checkpoint_entry, audit_retention_drop to tta_audit_writer;
grant select on audit_record, audit_event_id, audit_data_key, audit_chain_head, audit_checkpoint,
    audit_checkpoint_entry, audit_retention_drop to tta_audit_reader;
