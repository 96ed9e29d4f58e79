package org.tta.audit.review;

import java.util.Set;

/** The severities the trail stores: the safety tiers of verdicts and escalations (the safety-worker's {@code Tier}). */
final class Severities {

    static final Set<String> KNOWN = Set.of("none", "low", "moderate", "high", "imminent");

    private Severities() {
    }
}
