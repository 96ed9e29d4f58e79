package org.tta.gateway.session;

/**
 * {@code If-Match} against a session version (RFC 9110, section 13.1.1): {@code *}, or a list of
 * entity tags compared strongly, so a weak tag never matches. A bare number is taken as the tag of
 * that version, for clients that send the {@code version} field as it is.
 */
final class IfMatch {

    private IfMatch() {
    }

    /** Whether a request with this header may change the session at {@code version}; no header always may. */
    static boolean allows(String header, long version) {
        if (header == null) {
            return true;
        }
        String wanted = Long.toString(version);
        for (String tag : header.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals("\"" + wanted + "\"") || candidate.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
