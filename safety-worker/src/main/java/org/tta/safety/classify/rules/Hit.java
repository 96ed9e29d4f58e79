package org.tta.safety.classify.rules;

/**
 * A phrase or pattern that matched words {@code start} (inclusive) to {@code end} (exclusive) of a message.
 *
 * @param cue  what the match stands for
 * @param rule index of the rule for {@link Cue#RULE}, {@link Cue#CONTEXT} and {@link Cue#MESSAGE_CONTEXT}, else -1
 */
record Hit(Cue cue, int rule, int start, int end) {
}
