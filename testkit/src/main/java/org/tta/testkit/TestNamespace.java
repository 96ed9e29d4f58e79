package org.tta.testkit;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The slice of the shared Kafka, Redis and PostgreSQL one test class owns: topic and key prefixes and a schema.
 *
 * @param id lowercase letter then letters and digits; safe as a topic prefix, key prefix and unquoted SQL name
 */
public record TestNamespace(String id) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{1,62}");
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    public TestNamespace {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("namespace id must match " + ID.pattern() + ", was " + id);
        }
    }

    /** {@code t} and ten random base36 characters. */
    static TestNamespace random() {
        StringBuilder id = new StringBuilder("t");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            id.append(BASE36[random.nextInt(BASE36.length)]);
        }
        return new TestNamespace(id.toString());
    }

    public String topicPrefix() {
        return id + ".";
    }

    public String redisKeyPrefix() {
        return id + ":";
    }

    public String dbSchema() {
        return id;
    }

    /** A topic name inside this namespace. */
    public String topic(String name) {
        return topicPrefix() + name;
    }

    /** A Redis key inside this namespace. */
    public String redisKey(String name) {
        return redisKeyPrefix() + name;
    }
}
