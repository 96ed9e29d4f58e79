package org.tta.safety.classify.text;

/**
 * One word of a normalised message.
 *
 * @param key      the word's matching key ({@link Keys#key})
 * @param sentence index of its sentence in the message (split on . ! ? ; and line breaks)
 * @param clause   index of its clause in the message (sentences further split on , : and dashes)
 * @param quoted   whether the word stands inside quotation marks
 * @param spaced   whether the word was spelled out letter by letter ("k i l l", "s.u.i.c.i.d.e"); such a word may
 *                 hold several words run together ("kimyseif")
 */
public record Token(String key, int sentence, int clause, boolean quoted, boolean spaced) {
}
