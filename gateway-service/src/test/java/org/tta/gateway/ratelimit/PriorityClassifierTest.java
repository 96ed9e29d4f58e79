package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.gateway.identity.Caller;

class PriorityClassifierTest {

    record Case(String name, Caller caller, boolean escalated, PriorityClass expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Caller person(String role, String... roles) {
        return new Caller("sub-" + role, role, Set.of(roles), Set.of(), "web");
    }

    static Caller service() {
        return new Caller("narrative-engine", Caller.SERVICE, Set.of(), Set.of("events:publish"), "narrative-engine");
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("therapist", person("therapist", "therapist"), false, PriorityClass.CLINICAL),
                new Case("therapist who is also admin", person("therapist", "therapist", "admin"), false, PriorityClass.CLINICAL),
                new Case("patient", person("patient", "patient"), false, PriorityClass.PARTICIPANT),
                new Case("patient in a session with an open escalation", person("patient", "patient"), true, PriorityClass.CLINICAL),
                new Case("service", service(), false, PriorityClass.SERVICE),
                new Case("service acting on an escalated session", service(), true, PriorityClass.CLINICAL),
                new Case("clinical reviewer", person("clinical_reviewer", "clinical_reviewer"), false, PriorityClass.ADMINISTRATIVE),
                new Case("operator", person("ops", "ops"), false, PriorityClass.ADMINISTRATIVE),
                new Case("admin", person("admin", "admin"), false, PriorityClass.ADMINISTRATIVE),
                new Case("admin reading an escalated session stays administrative", person("admin", "admin"), true,
                        PriorityClass.ADMINISTRATIVE));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classifiesCallersByTherapeuticPriority(Case c) {
        assertThat(PriorityClassifier.classify(c.caller(), c.escalated())).isEqualTo(c.expected());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void looksUpEscalationsOnlyWhenTheyCanChangeTheClass(Case c) {
        boolean lifted = PriorityClassifier.classify(c.caller(), true) != PriorityClassifier.classify(c.caller(), false);
        assertThat(PriorityClassifier.escalationMatters(c.caller())).isEqualTo(lifted);
    }
}
