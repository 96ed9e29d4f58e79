package org.tta.gateway.precheck;

/**
 * The fast inline safety pre-check: local rules only, no network call, microseconds per message.
 * It never rejects crisis content; it flags it for immediate escalation. Thread-safe.
 */
public interface ContentPrecheck {

    /**
     * @throws UnsafeCharactersException when the text holds control characters or bidirectional
     *                                   overrides (400 validation-failed)
     */
    PrecheckVerdict check(String text);
}
