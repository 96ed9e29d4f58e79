package org.tta.safety.classify.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the labelled evaluation set, its recorded baseline and the held-out batches from the test classpath. */
final class EvalSet {

    static final String MESSAGES = "/eval/messages.jsonl";
    static final String BASELINE = "/eval/baseline.json";
    static final String HELD_OUT = "classpath*:eval/held-out/*.jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EvalSet() {
    }

    static List<EvalCase> messages() throws IOException {
        Batch batch = parse(MESSAGES, read(MESSAGES));
        if (!batch.problems().isEmpty()) {
            throw new IllegalStateException(batch.problems().getFirst());
        }
        return batch.cases();
    }

    /**
     * Every held-out batch (a {@code .jsonl} file under {@code eval/held-out/}, kept out of the gated set), by file
     * name. A line that cannot be read (an unknown label, bad JSON) is reported as a problem of its batch, not thrown:
     * a held-out batch is scored, never gated.
     */
    static List<Batch> heldOut() throws IOException {
        return batches(HELD_OUT);
    }

    static List<Batch> batches(String locationPattern) throws IOException {
        List<Batch> batches = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(locationPattern)) {
            try (InputStream in = resource.getInputStream()) {
                batches.add(parse(resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        batches.sort(Comparator.comparing(Batch::name));
        return batches;
    }

    /** The labelled messages of one file, and a description of each line that could not be read. */
    record Batch(String name, List<EvalCase> cases, List<String> problems) {
    }

    private static Batch parse(String name, String content) {
        List<EvalCase> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int line = 0;
        for (String json : content.split("\n")) {
            line++;
            if (json.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(json);
                List<String> tags = new ArrayList<>();
                node.path("tags").forEach(t -> tags.add(t.asString()));
                cases.add(new EvalCase(node.required("text").asString(), node.required("lang").asString(),
                        Category.valueOf(node.required("category").asString().toUpperCase(Locale.ROOT)),
                        Tier.valueOf(node.required("tier").asString().toUpperCase(Locale.ROOT)), List.copyOf(tags)));
            } catch (IllegalArgumentException | JacksonException e) {
                problems.add(name + " line " + line + ": " + e.getMessage());
            }
        }
        return new Batch(name, List.copyOf(cases), List.copyOf(problems));
    }

    /** The recorded baseline: the gate's floor for high+imminent recall. */
    static Baseline baseline() throws IOException {
        JsonNode node = JSON.readTree(read(BASELINE));
        return new Baseline(node.required("highImminentRecall").asDouble(), node.required("highImminentPrecision").asDouble());
    }

    record Baseline(double highImminentRecall, double highImminentPrecision) {
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = EvalSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
