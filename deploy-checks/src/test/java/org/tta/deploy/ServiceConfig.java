package org.tta.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service of the build as its own configuration file describes it: the module whose
 * {@code src/main/resources/<name>.yml} sets {@code management.metrics.tags.service}. Knows which environment
 * variables bind to a property it has (relaxed binding: {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} is
 * {@code spring.kafka.bootstrap-servers}): a key of its file, a Spring Boot property from the configuration metadata
 * on the classpath, or a component of a TTA {@code @ConfigurationProperties} record in its module or the platform.
 */
record ServiceConfig(String name, String module, Path file, Map<String, Object> properties) {

    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*)?\"([^\"]+)\"\\s*\\)[\\s\\S]*?record\\s+\\w+\\s*\\(([\\s\\S]*?)\\)\\s*(?:implements[^{]*)?\\{");
    private static final Pattern COMPONENT = Pattern.compile("(\\w+)\\s*(?:,|$)");
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static volatile Set<String> bootKeys;
    private static volatile Set<String> bootMapPrefixes;

    /** Every service module of the reactor, by service name (its {@code spring.application.name}). */
    static Map<String, ServiceConfig> all() {
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        for (String module : Repo.modules()) {
            Path resources = Repo.root().resolve(module).resolve("src/main/resources");
            if (!Files.isDirectory(resources)) {
                continue;
            }
            try (Stream<Path> files = Files.list(resources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                    Map<String, Object> properties = flatten(Repo.yaml(file));
                    if (properties.containsKey("management.metrics.tags.service")) {
                        String name = String.valueOf(properties.get("spring.application.name"));
                        services.put(name, new ServiceConfig(name, module, file, properties));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return services;
    }

    int port() {
        return Integer.parseInt(String.valueOf(properties.get("server.port")));
    }

    /** The consumer group id with property placeholders resolved to their defaults, or null. */
    String groupId() {
        Object group = properties.get("spring.kafka.consumer.group-id");
        return group == null ? null : String.valueOf(group).replaceAll("\\$\\{[^:}]+:([^}]*)}", "$1");
    }

    /** Whether an environment variable of that name sets a property this service knows. */
    boolean binds(String variable) {
        if (JVM_VARIABLES.contains(variable)) {
            return true;
        }
        if (properties.keySet().stream().anyMatch(key -> env(key).equals(variable))) {
            return true;
        }
        loadBootMetadata();
        if (bootKeys.contains(variable) || bootMapPrefixes.stream().anyMatch(variable::startsWith)) {
            return true;
        }
        return ttaKeys().stream().anyMatch(key -> variable.equals(key) || variable.startsWith(key + "_"));
    }

    /** Relaxed binding's environment form of a property name. */
    static String env(String property) {
        return property.replace('.', '_').replace('-', '_').replace("[", "").replace("]", "").toUpperCase(Locale.ROOT);
    }

    static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, Object> flat) {
        tree.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> map) {
                flatten(name, (Map<String, Object>) map, flat);
            } else {
                flat.put(name, value);
            }
        });
    }

    /** Environment forms of the components of the TTA properties records of this module and the platform. */
    private Set<String> ttaKeys() {
        Set<String> keys = new HashSet<>();
        for (String source : List.of(module, "platform")) {
            Path java = Repo.root().resolve(source).resolve("src/main/java");
            if (!Files.isDirectory(java)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(java)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher matcher = PROPERTIES_RECORD.matcher(Repo.read(file));
                    while (matcher.find()) {
                        String prefix = matcher.group(1);
                        for (String component : components(matcher.group(2))) {
                            keys.add(env(prefix + "." + kebab(component)));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    private static List<String> components(String header) {
        // drop annotations with arguments and generic arguments, then take the last word before each comma
        String plain = header.replaceAll("@\\w+(\\([^)]*\\))?", " ").replaceAll("<[^<>]*>", "").replaceAll("<[^<>]*>", "");
        List<String> names = new ArrayList<>();
        Matcher matcher = COMPONENT.matcher(plain.replaceAll("\\s+", " ").trim());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static synchronized void loadBootMetadata() {
        if (bootKeys != null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        Set<String> mapPrefixes = new HashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            var resources = ServiceConfig.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if ("error".equals(property.path("deprecation").path("level").asString())) {
                            continue; // renamed: Spring Boot no longer binds it
                        }
                        keys.add(env(name));
                        if (property.path("type").asString().startsWith("java.util.Map")) {
                            mapPrefixes.add(env(name) + "_");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bootMapPrefixes = mapPrefixes;
        bootKeys = keys;
    }
}
