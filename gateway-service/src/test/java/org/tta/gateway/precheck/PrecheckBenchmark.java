package org.tta.gateway.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Cost of the pre-check per message with the shipped policy: a plain warm-up-then-measure loop, no
 * JMH. Not part of the default test run (the name does not end in Test); run it with
 * {@code ./mvnw -B -pl gateway-service -am test -Dtest=PrecheckBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * It prints nanoseconds per message and asserts only the verdicts, never a time.
 */
class PrecheckBenchmark {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 500_000;

    record Workload(String name, String text, PrecheckVerdict.Outcome expected) {
    }

    @Test
    void measuresTheCostPerMessage() {
        PolicyPrecheck precheck = new PolicyPrecheck(new PrecheckProperties("classpath:policy/content-policy.v1.yaml"),
                new DefaultResourceLoader(), new SimpleMeterRegistry());
        String ordinary = "Today was hard. I argued with my sister again and I couldn't focus at school, "
                + "but the breathing exercise we practised last week helped a little.";
        List<Workload> workloads = List.of(
                new Workload("ordinary, 146 chars ASCII", ordinary, PrecheckVerdict.Outcome.ALLOW),
                new Workload("ordinary, accents and emoji", "Ça va mieux aujourd'hui, j'ai parlé à ma sœur 🙂 merci",
                        PrecheckVerdict.Outcome.ALLOW),
                new Workload("crisis, obfuscated", "honestly i w4nt to k i l l myself tonight", PrecheckVerdict.Outcome.CRISIS),
                new Workload("reject, phone number", "call her on +44 171 555 0123 after group", PrecheckVerdict.Outcome.REJECT),
                new Workload("ordinary, 8000 chars (max)", (ordinary + " ").repeat(60).substring(0, 8000),
                        PrecheckVerdict.Outcome.ALLOW));

        System.out.printf(Locale.ROOT, "%-30s %12s%n", "workload", "ns/message");
        for (Workload workload : workloads) {
            assertThat(precheck.check(workload.text()).outcome()).isEqualTo(workload.expected());
            int sink = 0;
            int warmUp = workload.text().length() > 1000 ? WARM_UP / 20 : WARM_UP;
            int measured = workload.text().length() > 1000 ? MEASURED / 20 : MEASURED;
            for (int i = 0; i < warmUp; i++) {
                sink += precheck.check(workload.text()).outcome().ordinal();
            }
            long start = System.nanoTime();
            for (int i = 0; i < measured; i++) {
                sink += precheck.check(workload.text()).outcome().ordinal();
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "%-30s %12.0f   (sink %d)%n", workload.name(), (double) elapsed / measured, sink);
        }
    }
}
