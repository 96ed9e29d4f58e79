package org.tta.schemas.validation;

import java.net.URI;

/** The JSON Schemas (draft 2020-12) of every TTA payload, one file each under {@code json-schema/}. */
public enum PayloadSchema {
    MESSAGE_SUBMISSION("message-submission.v1.json"),
    SESSION_MESSAGE("session-message.v1.json"),
    SAFETY_SCAN_REQUEST("safety-scan-request.v1.json"),
    AUDIT_RECORD("audit-record.v1.json"),
    SAFETY_ESCALATION("safety-escalation.v1.json"),
    SAFETY_NOTICE("safety-notice.v1.json"),
    SUBSCRIPTION("subscription.v1.json"),
    SESSION_CREATION("session-creation.v1.json"),
    PARTICIPANTS_REPLACEMENT("participants-replacement.v1.json"),
    SAFETY_VERDICT("safety-verdict.v1.json"),
    ESCALATION_COMMAND("escalation-command.v1.json"),
    AUDIT_CHECKPOINT("audit-checkpoint.v1.json"),
    CONSENT_CHANGE("consent-change.v1.json");

    /** The base of every schema {@code $id}; the validator maps it to {@link #RESOURCE_DIRECTORY}. */
    public static final String ID_BASE = "https://schemas.tta.org/json-schema/";
    /** The classpath directory holding the schema files. */
    public static final String RESOURCE_DIRECTORY = "json-schema/";

    private final String fileName;

    PayloadSchema(String fileName) {
        this.fileName = fileName;
    }

    /** The classpath resource of the schema, e.g. {@code json-schema/session-message.v1.json}. */
    public String resourcePath() {
        return RESOURCE_DIRECTORY + fileName;
    }

    /** The schema's {@code $id}; also the CloudEvents {@code dataschema} of events carrying it. */
    public URI id() {
        return URI.create(ID_BASE + fileName);
    }
}
