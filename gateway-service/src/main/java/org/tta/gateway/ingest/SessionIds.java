package org.tta.gateway.ingest;

import java.util.regex.Pattern;

/** The form of a session id, the key of every per-session topic. */
public final class SessionIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private SessionIds() {
    }

    public static boolean isValid(String sessionId) {
        return sessionId != null && VALID.matcher(sessionId).matches();
    }
}
