package org.tta.schemas.topics;

/** What the record key of a topic is; the key decides the partition and thus the order. */
public enum KeyKind {
    /** The session id: one session's records share a partition and keep their order. */
    SESSION_ID,
    /** The session id, or the subject (for example the caller) when the record has no session. */
    SESSION_ID_OR_SUBJECT,
    /** The subscription id, so that compaction keeps the latest state of each subscription. */
    SUBSCRIPTION_ID,
    /** The checkpoint id: each checkpoint is its own key, so compaction keeps every one of them. */
    CHECKPOINT_ID,
    /** The key of the source record (dead-letter topics keep the source's partitioning). */
    AS_SOURCE
}
