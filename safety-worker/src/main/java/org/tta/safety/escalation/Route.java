package org.tta.safety.escalation;

import java.util.List;

import org.tta.safety.classify.Signal;
import org.tta.safety.classify.linear.StatisticalSignal;
import org.tta.schemas.payload.SafetyEscalation;

/**
 * Who an escalation asks: the on-call clinicians ({@link #PAGE}) or the clinical review queue ({@link #REVIEW}). A
 * raise of the statistical signal alone is a guess (about 1 % of ordinary chat raises it), so it goes to review and
 * becomes a page when nobody acknowledges it by its review deadline or the rules escalate in the same episode.
 */
public enum Route {
    PAGE(SafetyEscalation.ROUTE_PAGE),
    REVIEW(SafetyEscalation.ROUTE_REVIEW);

    private final String wireName;

    Route(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The route of an escalating verdict: {@link #REVIEW} when the statistical signal alone made it escalate (every
     * escalating signal is one of {@code stat:}, the scan was not marked immediate by the gateway's pre-check), else
     * {@link #PAGE}: the rules, the external model, the session trajectory or the pre-check escalated.
     *
     * @param signals   the classification's signals
     * @param immediate whether the gateway's pre-check marked the scan immediate
     */
    public static Route of(List<Signal> signals, boolean immediate) {
        if (immediate) {
            return PAGE;
        }
        List<Signal> escalating = signals.stream().filter(s -> s.tier().escalates()).toList();
        boolean signalAlone = !escalating.isEmpty()
                && escalating.stream().allMatch(s -> s.ruleId().startsWith(StatisticalSignal.ID_PREFIX));
        return signalAlone ? REVIEW : PAGE;
    }

    /** The route of a wire name; null (a record written before routes) is {@link #PAGE}. */
    public static Route ofWireName(String name) {
        if (name == null) {
            return PAGE;
        }
        for (Route route : values()) {
            if (route.wireName.equals(name)) {
                return route;
            }
        }
        throw new IllegalArgumentException("unknown route " + name);
    }
}
