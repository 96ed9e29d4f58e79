-- Indexes of the reviewer read API and the compliance reports (docs/adr/0009-audit-reviewer-access.md).
-- Numbered apart from the store's migrations (V2...) so that the two lines of work cannot collide.
-- On the partitioned audit_record, each index is created on every partition, present and future.

-- Reports by action over a period: security events, consent changes.
create index if not exists audit_record_action_time on audit_record (action, event_time);
-- Escalation report: the steps of one escalation (acknowledgement lookup).
create index if not exists audit_record_resource_time on audit_record (resource_type, resource_id, event_time);
