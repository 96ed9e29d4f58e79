package org.tta.router.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.router.config.SafetyRouting;
import org.tta.router.subscription.BuiltInRoutes;
import org.tta.router.subscription.Route;
import org.tta.router.support.RouterFixtures;
import org.tta.schemas.events.EventTypes;

/**
 * Who hears of an escalation step: the on-call clinicians (page route, steps without a route included), the clinical
 * review queue (review route) or neither, and whether the participants get the supportive notice.
 */
class EscalationAudiencesTest {

    private static final SafetyRouting ROUTING = new SafetyRouting("kafka://tta.oncall.v1", "", "kafka://tta.review.v1", "",
            "You are not alone.", List.of("988 Suicide & Crisis Lifeline|988|US"));

    private final Route onCall = BuiltInRoutes.onCall(ROUTING).orElseThrow();
    private final Route review = BuiltInRoutes.clinicalReview(ROUTING).orElseThrow();
    private final SupportiveNotices notices = new SupportiveNotices(ROUTING, Clock.systemUTC());

    record Case(String name, String data, boolean onCall, boolean review, boolean notice) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a page opening", step("opened", "\"route\":\"page\""), true, false, true),
                new Case("an opening written before routes", step("opened", null), true, false, true),
                new Case("a page re-escalation", step("re_escalated", "\"route\":\"page\""), true, false, false),
                new Case("a review opening", step("opened", "\"route\":\"review\""), false, true, false),
                new Case("a review acknowledged", step("acknowledged", "\"route\":\"review\""), false, true, false),
                new Case("a review past its deadline, now a page", step("re_escalated",
                        "\"route\":\"page\",\"previousRoute\":\"review\""), true, false, true),
                new Case("a review the rules made a page", step("updated",
                        "\"route\":\"page\",\"previousRoute\":\"review\""), true, false, true),
                new Case("an unknown route", step("opened", "\"route\":\"carrier-pigeon\""), true, false, true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void deliversReviewsToTheReviewQueueOnlyAndPagesToOnCallWithOneNoticeAtTheFirstPage(Case c) {
        CloudEvent event = RouterFixtures.anEvent(EventTypes.SAFETY_ESCALATION, "sess-1", c.data());

        assertThat(onCall.matches(Route.Input.ESCALATIONS, event)).as("on-call").isEqualTo(c.onCall());
        assertThat(review.matches(Route.Input.ESCALATIONS, event)).as("review queue").isEqualTo(c.review());
        assertThat(notices.forEscalation("sess-1", event).isPresent()).as("notice").isEqualTo(c.notice());
    }

    private static String step(String step, String route) {
        return "{\"escalationId\":\"esc-1\",\"sessionId\":\"sess-1\",\"step\":\"" + step + "\",\"tier\":\"high\""
                + (route == null ? "" : "," + route) + "}";
    }
}
