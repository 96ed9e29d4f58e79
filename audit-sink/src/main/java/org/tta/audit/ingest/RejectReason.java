package org.tta.audit.ingest;

import java.util.Locale;

/** Why a Kafka record could not become an audit row; the lower-case name tags {@code tta.audit.rejected}. */
enum RejectReason {
    /** The value is not a CloudEvent, or there is no value. */
    UNDECODABLE,
    /** A CloudEvent of a type the topic does not carry. */
    WRONG_TYPE,
    /** No data, or data that is not JSON. */
    NO_JSON_DATA,
    /** The data is not exactly one JSON object. */
    MALFORMED,
    /** The data breaks its schema. */
    INVALID,
    /** Valid, but PostgreSQL cannot store it as it is (NUL characters, oversized values), or it refused it. */
    UNSTORABLE;

    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
