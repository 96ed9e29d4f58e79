package org.tta.gateway.problem;

/** The problem an exception maps to, for errors answered outside HTTP (WebSocket {@code error} frames). */
public final class Problems {

    private Problems() {
    }

    public static Problem of(Throwable error) {
        return ProblemMapper.toProblem(error);
    }
}
