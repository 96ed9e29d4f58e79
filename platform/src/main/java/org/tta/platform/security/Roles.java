package org.tta.platform.security;

/** Role names of the platform, as they appear in tokens (authorities carry the {@code ROLE_} prefix). */
public final class Roles {
    public static final String PATIENT = "patient";
    public static final String THERAPIST = "therapist";
    public static final String CLINICAL_REVIEWER = "clinical_reviewer";
    public static final String OPS = "ops";
    public static final String ADMIN = "admin";

    /** Scopes of client-credentials tokens held by backend services. */
    public static final String SCOPE_EVENTS_PUBLISH = "events:publish";
    public static final String SCOPE_EVENTS_SUBSCRIBE = "events:subscribe";
    /** Lets a backend service create sessions and change their participants. */
    public static final String SCOPE_SESSIONS_WRITE = "sessions:write";

    private Roles() {
    }
}
