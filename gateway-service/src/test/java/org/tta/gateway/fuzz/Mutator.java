package org.tta.gateway.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic mutation fuzzer for the gateway's parsers: from a corpus of valid inputs it makes
 * byte-level mutants (bit flips, interesting bytes, inserts, deletes, duplicated ranges, truncation,
 * splices of two seeds) and structure-aware JSON mutants (a value replaced by a hostile one: wrong
 * types, huge or tiny numbers, lone surrogates, control and bidi characters, deep nesting, long
 * strings, many keys; fields removed or added). Every run is reproducible from its seed, which a failing
 * test prints with the input.
 */
public final class Mutator {

    /** Writes what the parsers must survive: nesting far deeper than any parser accepts. */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build()).build()).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] INTERESTING_BYTES = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xc0, (byte) 0xe2,
            (byte) 0xf0, (byte) 0xed, '"', '\\', '{', '}', '[', ']', ':', ',', '\n', '\r', '\t', ' ', '0', '-', 'e'};
    private static final List<String> INTERESTING_TEXT = List.of("", " ", "\u0000", "\u202e", "\u200b", "\ud800",
            "\udfff", "\uffff", "\u0007", "\r\n", "%00", "../../etc/passwd", "%2e%2e%2f", "' OR 1=1 --", "<script>",
            "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "1.0", "0.3", "2.0", "org.tta.session.message.v1", "null",
            "true", "-1", "9223372036854775808", "NaN", "Infinity", "\uD83D\uDE00", "e\u0301", "\uFEFF");

    private final SplittableRandom random;
    private final List<byte[]> corpus;

    /** @param corpus the valid inputs to mutate (not empty) */
    public Mutator(long seed, List<byte[]> corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("the corpus must not be empty");
        }
        this.random = new SplittableRandom(seed);
        this.corpus = List.copyOf(corpus);
    }

    public static Mutator ofText(long seed, List<String> corpus) {
        return new Mutator(seed, corpus.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** The next input: a seed mutated one to four times, or now and then a seed as it is. */
    public byte[] next() {
        byte[] input = pick();
        if (random.nextInt(20) == 0) {
            return input;
        }
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            input = random.nextInt(3) == 0 ? bytes(input) : json(input);
        }
        return input;
    }

    public String nextText() {
        return new String(next(), StandardCharsets.UTF_8);
    }

    /** A random pick from {@code choices}. */
    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A short string that is sometimes hostile, for header values and query parameters. */
    public String nextToken() {
        return switch (random.nextInt(4)) {
            case 0 -> oneOf(INTERESTING_TEXT);
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "x".repeat(1 + random.nextInt(300));
            default -> randomAscii(1 + random.nextInt(40));
        };
    }

    private byte[] pick() {
        return corpus.get(random.nextInt(corpus.size())).clone();
    }

    private byte[] bytes(byte[] input) {
        if (input.length == 0) {
            return new byte[] {INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]};
        }
        int at = random.nextInt(input.length);
        return switch (random.nextInt(7)) {
            case 0 -> {
                input[at] ^= (byte) (1 << random.nextInt(8));
                yield input;
            }
            case 1 -> {
                input[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                yield input;
            }
            case 2 -> insert(input, at, randomBytes(1 + random.nextInt(8)));
            case 3 -> delete(input, at, 1 + random.nextInt(Math.min(32, input.length - at)));
            case 4 -> {
                int length = 1 + random.nextInt(Math.min(64, input.length - at));
                yield insert(input, at, Arrays.copyOfRange(input, at, at + length));
            }
            case 5 -> Arrays.copyOf(input, at);
            default -> {
                byte[] other = pick();
                int cut = other.length == 0 ? 0 : random.nextInt(other.length);
                byte[] spliced = Arrays.copyOf(input, at + other.length - cut);
                System.arraycopy(other, cut, spliced, at, other.length - cut);
                yield spliced;
            }
        };
    }

    private byte[] json(byte[] input) {
        JsonNode root;
        try {
            root = JSON.readTree(input);
        } catch (JacksonException e) {
            return bytes(input);
        }
        if (root == null || !root.isContainer() || root.isEmpty()) {
            return JSON.writeValueAsBytes(hostileValue());
        }
        mutateSomewhere(root);
        return JSON.writeValueAsBytes(root);
    }

    /** Walks down a random path and changes the container it ends in. */
    private void mutateSomewhere(JsonNode container) {
        JsonNode node = container;
        for (int depth = 0; depth < 8; depth++) {
            JsonNode child = randomChild(node);
            if (child == null || !child.isContainer() || child.isEmpty() || random.nextInt(3) == 0) {
                break;
            }
            node = child;
        }
        if (node instanceof ObjectNode object) {
            mutateObject(object);
        } else if (node instanceof ArrayNode array) {
            mutateArray(array);
        }
    }

    private void mutateObject(ObjectNode object) {
        List<String> names = object.propertyNames().stream().toList();
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(5)) {
            case 0 -> object.remove(name);
            case 1 -> object.set(random.nextBoolean() ? oneOf(INTERESTING_TEXT) : randomAscii(1 + random.nextInt(25)),
                    hostileValue());
            case 2 -> object.removeAll();
            default -> object.set(name, hostileValue());
        }
    }

    private void mutateArray(ArrayNode array) {
        int at = array.isEmpty() ? 0 : random.nextInt(array.size());
        switch (random.nextInt(4)) {
            case 0 -> {
                if (!array.isEmpty()) {
                    array.remove(at);
                }
            }
            case 1 -> {
                if (!array.isEmpty()) {
                    array.add(array.get(at).deepCopy());
                }
            }
            case 2 -> array.insert(at, hostileValue());
            default -> {
                if (!array.isEmpty()) {
                    array.set(at, hostileValue());
                }
            }
        }
    }

    private JsonNode randomChild(JsonNode node) {
        if (node.isEmpty()) {
            return null;
        }
        if (node.isArray()) {
            return node.get(random.nextInt(node.size()));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        int skip = random.nextInt(node.size());
        Map.Entry<String, JsonNode> field = fields.next();
        for (int i = 0; i < skip; i++) {
            field = fields.next();
        }
        return field.getValue();
    }

    /** A JSON value chosen to break assumptions about type, size, range and encoding. */
    JsonNode hostileValue() {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(400))));
            case 4 -> NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE);
            case 5 -> NODES.stringNode(oneOf(INTERESTING_TEXT));
            case 6 -> NODES.stringNode(oneOf(INTERESTING_TEXT).repeat(1 + random.nextInt(20_000)));
            case 7 -> NODES.stringNode(randomUnicode(1 + random.nextInt(64)));
            case 8 -> deepArray(1 + random.nextInt(3_000));
            case 9 -> manyKeys(1 + random.nextInt(2_000));
            case 10 -> NODES.arrayNode();
            case 11 -> NODES.objectNode();
            case 12 -> NODES.stringNode(Long.toString(random.nextLong()));
            default -> NODES.stringNode(randomAscii(1 + random.nextInt(64)));
        };
    }

    private JsonNode deepArray(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode at = root;
        for (int i = 1; i < depth; i++) {
            at = at.addArray();
        }
        return root;
    }

    private JsonNode manyKeys(int count) {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < count; i++) {
            object.put("k" + i, i);
        }
        return object;
    }

    private byte[] insert(byte[] input, int at, byte[] extra) {
        byte[] out = new byte[input.length + extra.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(input, at, out, at + extra.length, input.length - at);
        return out;
    }

    private byte[] delete(byte[] input, int at, int length) {
        byte[] out = new byte[input.length - length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(input, at + length, out, at, input.length - at - length);
        return out;
    }

    private byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = random.nextBoolean() ? INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]
                    : (byte) random.nextInt(256);
        }
        return out;
    }

    private String randomAscii(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return out.toString();
    }

    private String randomUnicode(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(0x10000));
        }
        return out.toString();
    }
}
