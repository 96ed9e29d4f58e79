package org.tta.router.config;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where escalations go: the on-call clinicians' built-in subscription (steps on the page route), the
 * clinical review queue's (steps on the review route: raises of the statistical signal alone), and the
 * supportive notice sent to the session's participants when an escalation first pages.
 *
 * @param onCallSink   sink of the on-call subscription ({@code kafka://topic} or a webhook URL); blank for none
 * @param onCallSecret Standard Webhooks secret ({@code whsec_...}) when the sink is a webhook; never logged
 * @param reviewSink   sink of the clinical review queue's subscription (the clinical reviewers); blank for none,
 *                     and then review steps go to the on-call sink (counted, warned at start-up), never nowhere
 * @param reviewSecret Standard Webhooks secret when the review sink is a webhook; never logged
 * @param noticeText   the supportive message
 * @param resources    crisis resources listed with it
 */
@Validated
@ConfigurationProperties("tta.router.safety")
public record SafetyRouting(
        @DefaultValue("") @NotNull String onCallSink,
        @DefaultValue("") @NotNull String onCallSecret,
        @DefaultValue("") @NotNull String reviewSink,
        @DefaultValue("") @NotNull String reviewSecret,
        @DefaultValue("You are not alone. A member of your care team has been asked to reach out to you now. If you are in danger or thinking about ending your life, please contact one of these services right away.")
        @NotEmpty String noticeText,
        @DefaultValue({"988 Suicide & Crisis Lifeline|988|US", "Emergency services|911|US"}) @NotNull List<String> resources) {

    @Override
    public String toString() {
        return "SafetyRouting[onCallSink=" + (onCallSink.isBlank() ? "none" : "set") + ", onCallSecret=***, reviewSink="
                + (reviewSink.isBlank() ? "none" : "set") + ", reviewSecret=***, resources=" + resources + "]";
    }
}
