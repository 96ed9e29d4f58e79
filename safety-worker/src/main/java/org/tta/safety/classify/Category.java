package org.tta.safety.classify;

/** What kind of risk a message signals. Wire names are the lower-case enum names. */
public enum Category {
    /** The author thinks of ending their own life. */
    SUICIDAL_IDEATION,
    /** The author hurts or means to hurt themselves without suicidal intent. */
    SELF_HARM,
    /** The author means to hurt someone else. */
    HARM_TO_OTHERS,
    /** The author discloses abuse or violence done to them. */
    ABUSE_DISCLOSURE,
    /** The author describes a medical emergency happening now. */
    MEDICAL_EMERGENCY,
    /** The author took, or is taking, an overdose. */
    SUBSTANCE_OVERDOSE,
    /**
     * Someone else (a friend, a relative) is reported to be at risk: a concern, not the author's own crisis; a reported
     * wish or ideation, at most moderate.
     */
    THIRD_PARTY_CONCERN,
    /**
     * Someone else's life is in danger now: an act under way, a method, a plan with a time, or a goodbye, reported by
     * the author ("my roommate took a bunch of pills and won't wake up"). Always high or imminent: it escalates.
     */
    THIRD_PARTY_EMERGENCY,
    /** Content against the platform's policy that is not a crisis. */
    OTHER_POLICY,
    /** Nothing of concern. */
    NONE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
