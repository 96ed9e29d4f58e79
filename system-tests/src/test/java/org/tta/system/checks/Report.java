package org.tta.system.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result table of a run: one row per check (PASS/FAIL and what was counted) and one row per fault round;
 * printed, written to {@code target/}, and optionally into {@code docs/reliability.md} between the run's
 * markers.
 */
public final class Report {

    public record Check(String name, boolean passed, String detail) {
    }

    public record Round(String fault, String injection, double downSeconds, double recoveredSeconds,
                        String drainedSeconds, boolean drainedInTime) {
    }

    private final String title;
    private final List<String> header = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<Round> rounds = new ArrayList<>();

    public Report(String title) {
        this.title = title;
    }

    public void header(String line) {
        header.add(line);
    }

    public void check(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail));
    }

    public void round(Round round) {
        rounds.add(round);
    }

    public List<Check> failed() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        header.forEach(line -> out.append("- ").append(line).append('\n'));
        if (!rounds.isEmpty()) {
            out.append("\n| fault | injection | down (s) | back ready after (s) | backlog drained after recovery (s) | within budget |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (Round r : rounds) {
                out.append(String.format("| %s | %s | %.1f | %.1f | %s | %s |%n", r.fault(), r.injection(), r.downSeconds(),
                        r.recoveredSeconds(), r.drainedSeconds(), r.drainedInTime() ? "yes" : "**no**"));
            }
        }
        out.append("\n| check | result | counted |\n|---|---|---|\n");
        for (Check c : checks) {
            out.append("| ").append(c.name()).append(" | ").append(c.passed() ? "PASS" : "**FAIL**").append(" | ")
                    .append(c.detail().replace("|", "/")).append(" |\n");
        }
        return out.toString();
    }

    /** Writes the table to {@code file}, and into {@code docs} between {@code <!-- marker:begin/end -->} if asked. */
    public void write(Path file, Path docs, String marker, boolean intoDocs) throws IOException {
        String table = markdown();
        System.out.println(table);
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        if (intoDocs && Files.isRegularFile(docs)) {
            String doc = Files.readString(docs);
            String begin = "<!-- " + marker + ":begin -->";
            String end = "<!-- " + marker + ":end -->";
            int from = doc.indexOf(begin);
            int to = doc.indexOf(end);
            if (from >= 0 && to > from) {
                Files.writeString(docs, doc.substring(0, from + begin.length()) + "\n" + table + doc.substring(to));
            }
        }
    }
}
