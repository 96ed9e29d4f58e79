package org.tta.gateway.precheck;

/**
 * The fast inline safety pre-check: local rules only, no network call, microseconds per message.
 * It never rejects crisis content; it flags it for immediate escalation.
 */
public interface ContentPrecheck {

    PrecheckVerdict check(String text);
}
