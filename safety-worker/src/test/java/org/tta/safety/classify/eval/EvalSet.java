package org.tta.safety.classify.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the labelled evaluation set and its recorded baseline from the test classpath. */
final class EvalSet {

    static final String MESSAGES = "/eval/messages.jsonl";
    static final String BASELINE = "/eval/baseline.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EvalSet() {
    }

    static List<EvalCase> messages() throws IOException {
        List<EvalCase> cases = new ArrayList<>();
        int line = 0;
        for (String json : read(MESSAGES).split("\n")) {
            line++;
            if (json.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(json);
            List<String> tags = new ArrayList<>();
            node.path("tags").forEach(t -> tags.add(t.asString()));
            try {
                cases.add(new EvalCase(node.required("text").asString(), node.required("lang").asString(),
                        Category.valueOf(node.required("category").asString().toUpperCase(Locale.ROOT)),
                        Tier.valueOf(node.required("tier").asString().toUpperCase(Locale.ROOT)), List.copyOf(tags)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(MESSAGES + " line " + line + ": " + e.getMessage(), e);
            }
        }
        return cases;
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
