package org.tta.gateway.fuzz;

/**
 * How much a fuzz test does: {@code -Dtta.fuzz.seed=N} replays a run, {@code -Dtta.fuzz.scale=K}
 * multiplies every test's iterations (the default 1 is sized for CI; 100 is a long run on demand).
 */
public record FuzzRun(long seed, int iterations) {

    /** The run for a test whose CI-sized run makes {@code baseIterations} inputs. */
    public static FuzzRun of(int baseIterations) {
        long seed = Long.getLong("tta.fuzz.seed", System.nanoTime());
        int scale = Integer.getInteger("tta.fuzz.scale", 1);
        if (scale < 1) {
            throw new IllegalArgumentException("tta.fuzz.scale must be at least 1");
        }
        return new FuzzRun(seed, Math.multiplyExact(baseIterations, scale));
    }

    /** What a failure message says so that the run can be replayed. */
    public String replay() {
        return "replay with -Dtta.fuzz.seed=" + seed;
    }
}
