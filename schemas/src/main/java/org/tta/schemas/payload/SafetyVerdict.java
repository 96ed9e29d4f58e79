package org.tta.schemas.payload;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code org.tta.safety.verdict.v1}: the safety-worker's verdict on one scan
 * ({@code safety-verdict.v1.json}). Carries no message text.
 *
 * @param tier             the tier after trajectory and priority; {@code high} and {@code imminent} escalate
 * @param classifiedTier   the classifier's tier for the message alone
 * @param trajectoryRaised whether repeated moderate signals in the session raised the tier one step
 * @param priority         the scan's priority ({@code normal} or {@code immediate})
 * @param model            whether the external model took part ({@code used}, {@code unavailable}, {@code disabled})
 * @param outcome          {@code classified}, {@code classifier_timeout} or {@code classifier_error}
 * @param escalationId     the escalation this verdict opened or updated; null when it did not escalate
 * @param route            the route of that escalation after this verdict ({@code page} or {@code review}, see
 *                         {@link SafetyEscalation#route()}); null when it did not escalate
 */
public record SafetyVerdict(String scanEventId, String messageEventId, String sessionId, String category, String tier,
        String classifiedTier, boolean trajectoryRaised, String priority, List<VerdictSignal> signals,
        String rulesVersion, String model, String outcome, String escalationId, Instant decidedAt, String route) {

    /** A verdict of the shape before routes. */
    public SafetyVerdict(String scanEventId, String messageEventId, String sessionId, String category, String tier,
            String classifiedTier, boolean trajectoryRaised, String priority, List<VerdictSignal> signals,
            String rulesVersion, String model, String outcome, String escalationId, Instant decidedAt) {
        this(scanEventId, messageEventId, sessionId, category, tier, classifiedTier, trajectoryRaised, priority, signals,
                rulesVersion, model, outcome, escalationId, decidedAt, null);
    }

    public static final String OUTCOME_CLASSIFIED = "classified";
    public static final String OUTCOME_CLASSIFIER_TIMEOUT = "classifier_timeout";
    public static final String OUTCOME_CLASSIFIER_ERROR = "classifier_error";

    public SafetyVerdict {
        signals = signals == null ? List.of() : List.copyOf(signals);
    }

    /** One rule (or the model) that matched: ids and categories only, never the matched text. */
    public record VerdictSignal(String ruleId, String category, String tier, double weight) {
    }
}
