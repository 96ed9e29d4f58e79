package org.tta.schemas.payload;

/** How payload records print PHI fields in {@code toString()}: only whether a value is there and its size. */
final class Redaction {

    private Redaction() {
    }

    static String of(String phi) {
        return phi == null ? "null" : "<redacted " + phi.length() + " chars>";
    }
}
