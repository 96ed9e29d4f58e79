package org.tta.gateway.proxy.balance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Power of two choices over peak-EWMA cost: of two instances drawn at random the cheaper one gets the
 * request, so fast instances get more traffic without the herd all piling onto one. Healthy instances
 * are preferred; degraded ones serve only when no healthy one is left. Instances already tried for
 * this request are skipped. Thread-safe.
 */
public final class Balancer {

    private static final long TAU_NANOS = Duration.ofSeconds(10).toNanos();

    private final Map<String, LatencyStats> stats = new ConcurrentHashMap<>();

    /** The instance to try next, or null when every candidate was tried. */
    public Instance choose(List<Instance> instances, Set<String> tried) {
        List<Instance> up = new ArrayList<>(instances.size());
        List<Instance> degraded = new ArrayList<>(2);
        for (Instance instance : instances) {
            if (tried.contains(instance.statsKey())) {
                continue;
            }
            (instance.health() == Instance.Health.UP ? up : degraded).add(instance);
        }
        List<Instance> pool = up.isEmpty() ? degraded : up;
        if (pool.isEmpty()) {
            return null;
        }
        if (pool.size() == 1) {
            return pool.getFirst();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(pool.size());
        int b = random.nextInt(pool.size() - 1);
        if (b >= a) {
            b++;
        }
        Instance first = pool.get(a);
        Instance second = pool.get(b);
        return stats(first).cost() <= stats(second).cost() ? first : second;
    }

    public LatencyStats stats(Instance instance) {
        return stats.computeIfAbsent(instance.statsKey(), k -> new LatencyStats(TAU_NANOS));
    }

    /** Statistics by instance key, for the ops view. */
    public LatencyStats peek(String statsKey) {
        return stats.get(statsKey);
    }
}
