package org.tta.safety.classify.linear;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the statistical signal learns from: the gated set ({@code eval/messages.jsonl}) followed by the training corpus
 * ({@code eval/corpus/*.jsonl}, in file-name order), as one JSONL text. The corpus is labelled like the set but is
 * for the model only: the rules are neither fitted nor gated on it, so it can hold thousands of wordings the rules
 * miss. A held-out batch never goes here. Paths are relative to the module directory (Maven's working directory for
 * tests).
 */
public final class TrainingSet {

    static final Path EVAL = Path.of("src/test/resources/eval");
    static final Path SET = EVAL.resolve("messages.jsonl");
    static final Path CORPUS = EVAL.resolve("corpus");

    private TrainingSet() {
    }

    /** The set, then every corpus file, each ending with a line break. */
    public static byte[] read() {
        return concat(true);
    }

    /** The corpus files alone (empty when there is none). */
    public static byte[] corpus() {
        return concat(false);
    }

    private static byte[] concat(boolean withSet) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Path file : files()) {
                if (!withSet && file.equals(SET)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                out.writeBytes(bytes);
                if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                    out.write('\n');
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files read, in order. */
    static List<Path> files() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return List.of(SET);
        }
        try (Stream<Path> corpus = Files.list(CORPUS)) {
            return Stream.concat(Stream.of(SET), corpus.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted())
                    .toList();
        }
    }
}
