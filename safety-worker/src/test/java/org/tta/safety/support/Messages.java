package org.tta.safety.support;

/** Test messages that any sensible classifier puts clearly in one tier. */
public final class Messages {

    public static final String IMMINENT = "I have the pills in my hand and I am taking them all tonight";
    public static final String HIGH = "I have a plan to kill myself this weekend";
    public static final String MODERATE = "I keep thinking about killing myself";
    public static final String SAFE = "the weather is nice today";
    /** Someone else's life in danger now: a third-party emergency, imminent. */
    public static final String THIRD_PARTY_EMERGENCY = "my roommate took a bunch of pills and won't wake up";

    /**
     * Caught by the statistical signal and by no rule (rules 2026.12.4; the same wording as the "unseen" case of
     * {@code StatisticalSignalTest}, which fails first should a rule change catch it).
     */
    public static final String SIGNAL_ONLY = "parked on the top level of the garage on 5th, i looked over the edge and it's high enough";

    private Messages() {
    }
}
