package org.tta.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Just enough of {@code kustomize build} to check the overlays offline: resources (files and directories with a
 * kustomization), the namespace, and JSON 6902 patches ({@code replace}/{@code add} on map paths) selected by kind
 * and optional name. Anything else in a kustomization fails the check, so that it never silently checks less.
 */
final class Kustomize {

    private static final List<String> SUPPORTED = List.of("apiVersion", "kind", "resources", "namespace", "patches",
            "labels", "images");

    private Kustomize() {
    }

    /** The rendered documents of a directory holding a kustomization.yaml. */
    static List<Map<String, Object>> build(Path directory) {
        Map<String, Object> kustomization = Repo.yaml(directory.resolve("kustomization.yaml"));
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new AssertionError(directory + ": kustomization field '" + key + "' is not understood by the offline check");
            }
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object resource : Maps.list(kustomization, "resources")) {
            Path path = directory.resolve(resource.toString()).normalize();
            if (!Files.exists(path)) {
                throw new AssertionError(directory + ": resource " + resource + " does not exist");
            }
            documents.addAll(Files.isDirectory(path) ? build(path) : Repo.yamlDocuments(path));
        }
        for (Object patch : Maps.list(kustomization, "patches")) {
            apply(directory, Maps.map(patch), documents);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static void apply(Path directory, Map<String, Object> patch, List<Map<String, Object>> documents) {
        String kind = Maps.string(patch, "target", "kind");
        String name = Maps.string(patch, "target", "name");
        List<Map<String, Object>> operations = (List<Map<String, Object>>) new Yaml().load(Maps.string(patch, "patch"));
        int matched = 0;
        for (Map<String, Object> document : documents) {
            if (kind.equals(document.get("kind")) && (name == null || name.equals(Maps.string(document, "metadata", "name")))) {
                operations.forEach(operation -> operate(document, operation));
                matched++;
            }
        }
        if (matched == 0) {
            throw new AssertionError(directory + ": patch target " + kind + "/" + name + " matches no resource");
        }
    }

    @SuppressWarnings("unchecked")
    private static void operate(Map<String, Object> document, Map<String, Object> operation) {
        String op = operation.get("op").toString();
        if (!op.equals("replace") && !op.equals("add")) {
            throw new AssertionError("patch op " + op + " is not understood by the offline check");
        }
        String[] path = operation.get("path").toString().substring(1).split("/");
        Map<String, Object> node = document;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.get(unescape(path[i]));
            if (!(child instanceof Map<?, ?>)) {
                if (op.equals("replace")) {
                    throw new AssertionError("patch path " + operation.get("path") + " does not exist");
                }
                child = new HashMap<String, Object>();
                node.put(unescape(path[i]), child);
            }
            node = (Map<String, Object>) child;
        }
        String last = unescape(path[path.length - 1]);
        if (op.equals("replace") && !node.containsKey(last)) {
            throw new AssertionError("patch path " + operation.get("path") + " does not exist");
        }
        node.put(last, operation.get("value"));
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
