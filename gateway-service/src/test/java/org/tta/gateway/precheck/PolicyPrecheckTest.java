package org.tta.gateway.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.tta.gateway.precheck.PrecheckVerdict.Outcome;

/** The shipped policy file against messages it must reject, flag, or let through, plain and obfuscated. */
class PolicyPrecheckTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PolicyPrecheck precheck = new PolicyPrecheck(
            new PrecheckProperties("classpath:policy/content-policy.v1.yaml"), new DefaultResourceLoader(), meters);

    record Case(String text, Outcome outcome, String rule) {
        @Override
        public String toString() {
            return outcome + " " + (rule == null ? "" : rule + " ") + "<- " + text.replaceAll("\\p{C}", "?");
        }
    }

    static Stream<Case> rejects() {
        return Stream.of(
                reject("contact.phone", "call her on 0171 555 0123 tonight"),
                reject("contact.phone", "his number is +1 (555) 123-4567"),
                reject("contact.phone", "text 555.123.4567"),
                reject("contact.phone", "ｃａｌｌ ０１７１５５５０１２３"),
                reject("contact.email", "write to jane.doe@example.com"),
                reject("contact.email", "JANE.DOE@EXAMPLE.ORG is her mail"),
                reject("contact.email", "mail jane at example dot com"),
                reject("contact.email", "mail jane (at) example (dot) com"),
                reject("contact.street-address", "she lives at 42 Elm Street, come by"),
                reject("contact.street-address", "his flat is 12 oak rd apt 3"),
                reject("contact.street-address", "meet me at 221b Baker St."),
                reject("solicitation.link", "look at https://example.net/offer"),
                reject("solicitation.link", "go to www.example"),
                reject("solicitation.link", "see bit.ly/abc"),
                reject("solicitation.spam", "CLICK HERE for a free prize"),
                reject("solicitation.spam", "dm me for cheap stuff"),
                reject("solicitation.spam", "c l i c k here now"),
                reject("lethal-means.instructions", "the lethal dose is easy to reach"),
                reject("lethal-means.instructions", "here is how to tie a noose"),
                reject("lethal-means.instructions", "where to buy the stuff to kill yourself"),
                reject("lethal-means.instructions", "b3st w4y t0 k1ll y0urs3lf"),
                reject("hate.dehumanising", "they are SUBHUMANS"),
                reject("hate.dehumanising", "go back to your own country"),
                // reject wins over crisis: method-sharing is never relayed, whatever else it says
                reject("lethal-means.instructions", "i want to die, the lethal dose is known"));
    }

    static Stream<Case> crises() {
        return Stream.of(
                crisis("crisis.suicidal-ideation", "I want to kill myself"),
                crisis("crisis.suicidal-ideation", "i want to k1ll mys3lf"),
                crisis("crisis.suicidal-ideation", "i want to kiiiill myselfff"),
                crisis("crisis.suicidal-ideation", "i want to k i l l myself"),
                crisis("crisis.suicidal-ideation", "k-i-l-l m-y-s-e-l-f"),
                crisis("crisis.suicidal-ideation", "k.i.l.l myself"),
                crisis("crisis.suicidal-ideation", "i want to k\u200Bill myself"),
                crisis("crisis.suicidal-ideation", "i want to kïll mysélf"),
                crisis("crisis.suicidal-ideation", "i want to \u043Aill myself"),
                crisis("crisis.suicidal-ideation", "I W4NT T0 D13"),
                crisis("crisis.suicidal-ideation", "I've been thinking about suicide"),
                crisis("crisis.suicidal-ideation", "having suicidal thoughts again"),
                crisis("crisis.suicidal-ideation", "I don't want to be alive anymore"),
                crisis("crisis.suicidal-ideation", "I don’t want to live"),
                crisis("crisis.suicidal-ideation", "everyone would be better off without me"),
                crisis("crisis.suicidal-ideation", "I just want to end it all"),
                crisis("crisis.suicidal-ideation", "ｋｉｌｌ ｍｙｓｅｌｆ"),
                crisis("crisis.self-harm", "I keep cutting myself"),
                crisis("crisis.self-harm", "I want to hurt myself"),
                crisis("crisis.self-harm", "thinking about self-harm"),
                crisis("crisis.self-harm", "h u r t myself"),
                crisis("crisis.harm-to-others", "I'm going to kill him"),
                crisis("crisis.harm-to-others", "i will hurt someone tonight"),
                crisis("crisis.overdose", "I took all my pills"),
                crisis("crisis.overdose", "I swallowed a lot of pills"),
                crisis("crisis.overdose", "i think i 0verd0sed"),
                crisis("crisis.medical-emergency", "I can't breathe"),
                crisis("crisis.medical-emergency", "my friend is having a seizure"),
                crisis("crisis.medical-emergency", "crushing chest pains"));
    }

    static Stream<Case> allowed() {
        return Stream.of(
                allow("I had a hard week at school"),
                allow("My therapist showed me a breathing exercise"),
                allow("I feel anxious about my exams and I skipped lunch"),
                allow("We talked about my sister and my dad"),
                allow("I killed it at the presentation today"),
                allow("This homework is killing me"),
                allow("My mom will kill me if I'm late"),
                allow("I skilled up in the game"),
                allow("I slept 8 hours and woke at 7:30"),
                allow("From 2019 to 2024 I lived with my aunt"),
                allow("It happened on 12.03.2024 at 10:30"),
                allow("I ran 5 miles down the road."),
                allow("After 10 years on this road I moved"),
                allow("I was so tired.Online school is hard"),
                allow("I am at home, call me later"),
                allow("I'm dead tired but okay"),
                allow("I am fine :) really"),
                allow("Tabs\tand\nnew lines\r\nare fine"),
                allow("Héllo, ça va? Ünïcödé is fine"),
                allow("a b c d e is how I list things"));
    }

    @ParameterizedTest
    @MethodSource("rejects")
    void rejectsContentThatMustNeverBeRelayed(Case c) {
        assertThat(precheck.check(c.text())).isEqualTo(new PrecheckVerdict(Outcome.REJECT, c.rule()));
    }

    @ParameterizedTest
    @MethodSource("crises")
    void flagsCrisisContentWithoutRejectingIt(Case c) {
        assertThat(precheck.check(c.text())).isEqualTo(new PrecheckVerdict(Outcome.CRISIS, c.rule()));
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void letsOrdinaryTherapyTalkThrough(Case c) {
        assertThat(precheck.check(c.text())).isEqualTo(PrecheckVerdict.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I would never hurt myself", "I don't want to kill myself", "suicide prevention week"})
    void neverRejectsNegatedOrEducationalMentionsOfCrisisTopics(String text) {
        // Negation and context are the safety-worker's job; the pre-check may flag, but never drops these.
        assertThat(precheck.check(text).outcome()).isNotEqualTo(Outcome.REJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null\u0000byte", "bell\u0007", "escape\u001B[31m", "delete\u007F", "c1\u0085control",
            "bidi \u202Eoverride", "embed\u202A", "isolate\u2066x\u2069", "pop\u202C"})
    void refusesControlCharactersAndBidiOverrides(String text) {
        assertThatThrownBy(() -> precheck.check(text)).isInstanceOf(UnsafeCharactersException.class);
    }

    @Test
    void countsVerdictsByOutcomeAndRule() {
        precheck.check("I had a good day");
        precheck.check("I want to kill myself");
        precheck.check("mail me at jane@example.com");

        assertThat(count("allow", "none")).isEqualTo(1);
        assertThat(count("crisis", "crisis.suicidal-ideation")).isEqualTo(1);
        assertThat(count("reject", "contact.email")).isEqualTo(1);
        assertThat(count("reject", "contact.phone")).isZero();
    }

    private double count(String outcome, String rule) {
        return meters.get(PolicyPrecheck.VERDICTS).tag("outcome", outcome).tag("rule", rule).counter().count();
    }

    private static Case reject(String rule, String text) {
        return new Case(text, Outcome.REJECT, rule);
    }

    private static Case crisis(String rule, String text) {
        return new Case(text, Outcome.CRISIS, rule);
    }

    private static Case allow(String text) {
        return new Case(text, Outcome.ALLOW, null);
    }
}
