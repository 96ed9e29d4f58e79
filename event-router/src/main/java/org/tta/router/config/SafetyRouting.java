package org.tta.router.config;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where escalations go: the on-call clinicians' built-in subscription, and the supportive notice
 * sent to the session's participants when an escalation opens.
 *
 * @param onCallSink   sink of the on-call subscription ({@code kafka://topic} or a webhook URL); blank for none
 * @param onCallSecret Standard Webhooks secret ({@code whsec_...}) when the sink is a webhook; never logged
 * @param noticeText   the supportive message
 * @param resources    crisis resources listed with it
 */
@Validated
@ConfigurationProperties("tta.router.safety")
public record SafetyRouting(
        @DefaultValue("") @NotNull String onCallSink,
        @DefaultValue("") @NotNull String onCallSecret,
        @DefaultValue("You are not alone. A member of your care team has been asked to reach out to you now. If you are in danger or thinking about ending your life, please contact one of these services right away.")
        @NotEmpty String noticeText,
        @DefaultValue({"988 Suicide & Crisis Lifeline|988|US", "Emergency services|911|US"}) @NotNull List<String> resources) {

    @Override
    public String toString() {
        return "SafetyRouting[onCallSink=" + (onCallSink.isBlank() ? "none" : "set") + ", onCallSecret=***, resources="
                + resources + "]";
    }
}
