package org.tta.safety.classify.model;

/**
 * An external classifier. Implementations may block the calling thread (the safety worker calls it from a
 * consumer thread, never an event loop) but never longer than their configured timeout.
 */
public interface ModerationModel {

    /**
     * @param text the message (PHI: implementations never log it)
     * @return the model's answer
     * @throws ModelCallException when it failed, answered nonsense or not in time
     */
    ModelAnswer moderate(String text);
}
