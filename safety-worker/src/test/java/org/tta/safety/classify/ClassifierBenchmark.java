package org.tta.safety.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Cost of the classifier per message with the shipped rule files (en + es), the rules alone and the rules with the
 * statistical signal (shipped weights; it is computed only when the rules did not escalate): a plain warm-up-then-measure
 * loop, no JMH. Not part of the default test run (the name does not end in Test); run it with
 * {@code ./mvnw -B -o -q -pl safety-worker test -Dtest=ClassifierBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * It prints microseconds per message, wall clock and this thread's CPU time (on a shared, overloaded machine the
 * CPU time is the cost; the wall clock includes waiting for a core), and asserts only the verdicts, never a time.
 */
class ClassifierBenchmark {

    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 200_000;

    record Workload(String name, String text, Tier expected) {
    }

    @Test
    void measuresTheCostPerMessage() {
        measure("rules alone", Fixtures.rulesOnlyClassifier());
        measure("rules + statistical signal", Fixtures.rulesAndStatisticalClassifier());
    }

    private static void measure(String name, Classifier classifier) {
        String ordinary = "Today was hard. I argued with my sister again and I couldn't focus at school, "
                + "but the breathing exercise we practised last week helped a little.";
        List<Workload> workloads = List.of(
                new Workload("ordinary, 146 chars ASCII", ordinary, Tier.NONE),
                new Workload("ordinary, accents and emoji", "Hoy fue un día difícil 🙂 pero hablé con mi hermana, gracias",
                        Tier.NONE),
                new Workload("crisis, plain", "I have the pills and I'm taking them tonight", Tier.IMMINENT),
                new Workload("crisis, obfuscated", "honestly i w4nt to k i l l  m y s e l f", Tier.HIGH),
                new Workload("negated", "I would never hurt myself, I'm just tired", Tier.NONE),
                new Workload("ordinary, 8000 chars (max)", (ordinary + " ").repeat(60).substring(0, 8000), Tier.NONE));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%s%n%-30s %14s %14s%n", name, "workload", "wall us/msg", "cpu us/msg");
        for (Workload workload : workloads) {
            assertThat(classifier.classify(Fixtures.aMessage(workload.text())).tier()).isEqualTo(workload.expected());
            int scale = workload.text().length() > 1000 ? 50 : 1;
            int sink = 0;
            for (int i = 0; i < WARM_UP / scale; i++) {
                sink += classifier.classify(Fixtures.aMessage(workload.text())).tier().ordinal();
            }
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED / scale; i++) {
                sink += classifier.classify(Fixtures.aMessage(workload.text())).tier().ordinal();
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000.0 / (MEASURED / scale);
            double wall = (System.nanoTime() - start) / 1_000.0 / (MEASURED / scale);
            System.out.printf(Locale.ROOT, "%-30s %14.2f %14.2f   (sink %d)%n", workload.name(), wall, cpu, sink);
        }
    }
}
