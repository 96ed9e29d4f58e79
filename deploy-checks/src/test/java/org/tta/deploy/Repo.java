package org.tta.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository the tests run in: its root, its Maven modules and its YAML files. */
final class Repo {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private Repo() {
    }

    /** The reactor root: the nearest directory up from the working directory with docker-compose.yml and a pom. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError("missing " + relative);
        }
        return path;
    }

    /** The modules of the root pom. */
    static List<String> modules() {
        Matcher matcher = MODULE.matcher(read(file("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (matcher.find()) {
            modules.add(matcher.group(1).trim());
        }
        return modules;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (merge keys and anchors resolved), skipping empty ones. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(path)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml(options).loadAll(reader)) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(Path path) {
        List<Map<String, Object>> documents = yamlDocuments(path);
        if (documents.size() != 1) {
            throw new AssertionError(path + " should hold one YAML document, holds " + documents.size());
        }
        return documents.getFirst();
    }
}
