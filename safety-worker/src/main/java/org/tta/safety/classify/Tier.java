package org.tta.safety.classify;

/**
 * Severity tiers, loosely following the Columbia suicide severity scale: a passive wish is {@link #LOW},
 * active ideation {@link #MODERATE}, a method or plan {@link #HIGH}, intent or an act under way {@link #IMMINENT}.
 * {@link #HIGH} and {@link #IMMINENT} open an escalation.
 */
public enum Tier {
    NONE, LOW, MODERATE, HIGH, IMMINENT;

    /** Whether a verdict of this tier needs a clinician (opens or updates an escalation). */
    public boolean escalates() {
        return compareTo(HIGH) >= 0;
    }

    /** The tier one step up, capped at {@link #IMMINENT}. */
    public Tier next() {
        return this == IMMINENT ? IMMINENT : values()[ordinal() + 1];
    }

    /** The wire name, lower case, as in verdicts and escalations. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
