package org.tta.safety.classify.linear;

/** The statistical signal's weights file cannot be used; thrown at start-up, naming the file and the problem. */
public class InvalidModelFileException extends RuntimeException {

    public InvalidModelFileException(String location, String problem) {
        super("Statistical signal weights " + location + " are invalid: " + problem);
    }
}
