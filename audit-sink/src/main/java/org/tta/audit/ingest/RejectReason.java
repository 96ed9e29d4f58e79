package org.tta.audit.ingest;

import java.util.Locale;

/** Why a Kafka record could not become an audit row; the lower-case name tags {@code tta.audit.rejected}. */
enum RejectReason {
    /** The value is not a CloudEvent (the deserializer failed), or there is no value. */
    UNDECODABLE,
    /** A CloudEvent of another type than {@code org.tta.audit.record.v1}. */
    WRONG_TYPE,
    /** No data, or data that is not JSON. */
    NO_JSON_DATA,
    /** The data is not exactly one JSON value. */
    MALFORMED,
    /** The data breaks the audit record schema. */
    INVALID,
    /** Valid by the schema but PostgreSQL cannot store it as it is (NUL characters, an oversized id). */
    UNSTORABLE;

    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
