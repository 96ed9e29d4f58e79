package org.tta.safety.classify;

/**
 * What the classifier sees of one scanned message. {@code text} is PHI: never log it.
 *
 * @param text       the message text
 * @param authorRole the author's platform role ({@code patient}, {@code therapist}, ...), may be null
 */
public record ClassificationInput(String text, String authorRole) {

    @Override
    public String toString() {
        return "ClassificationInput[text=<" + (text == null ? 0 : text.length()) + " chars>, authorRole=" + authorRole + "]";
    }
}
