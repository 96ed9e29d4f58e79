package org.tta.audit.phi;

import java.util.Map;

/**
 * The message text of one stored event, decrypted. PHI: never log it ({@code toString} redacts it).
 *
 * @param text   the message text: an audit record's {@code content}, or the first text field taken out of a
 *               verdict or escalation payload
 * @param fields every text field taken out of the payload before storing, by JSON pointer into the original
 *               payload (such as {@code /content} or {@code /excerpt}), in payload order
 */
public record DecryptedContent(String text, Map<String, String> fields) {

    public DecryptedContent {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    @Override
    public String toString() {
        return "DecryptedContent[<redacted>, fields=" + fields.keySet() + "]";
    }
}
