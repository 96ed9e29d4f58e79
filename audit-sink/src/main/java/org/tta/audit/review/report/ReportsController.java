package org.tta.audit.review.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tta.audit.review.QueryParameters;
import org.tta.audit.review.InvalidQueryException;
import org.tta.audit.review.Readers;
import org.tta.audit.review.ReviewProperties;
import org.tta.audit.review.access.Access;
import org.tta.audit.review.access.AccessLog;
import org.tta.audit.review.export.CsvCells;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compliance reports over a period, as JSON or CSV: {@code GET /api/v1/audit/reports/{report}?from=&to=&reason=}
 * with {@code report} one of {@code api-usage}, {@code security-events}, {@code escalations}, {@code consent}.
 * Each is recorded as {@code audit.accessed} like any other read.
 */
@RestController
@RequestMapping("/api/v1/audit/reports")
class ReportsController {

    static final Set<String> PARAMETERS = Set.of("from", "to", "format", "reason");
    /** The longest period one report covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final ComplianceReports reports;
    private final AccessLog accessLog;
    private final ReviewProperties properties;
    private final JsonMapper json;

    ReportsController(ComplianceReports reports, AccessLog accessLog, ReviewProperties properties, JsonMapper json) {
        this.reports = reports;
        this.accessLog = accessLog;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/{report}")
    void report(@PathVariable("report") String path, HttpServletRequest request, HttpServletResponse response,
            Authentication caller) throws IOException {
        ReportKind kind = ReportKind.ofPath(path).orElseThrow(() -> new InvalidQueryException(java.util.List.of(
                new InvalidQueryException.ParameterError("report",
                        "must be one of api-usage, security-events, escalations, consent"))));
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), PARAMETERS);
        Instant from = parameters.requiredInstant("from");
        Instant to = parameters.requiredInstant("to");
        String format = parameters.choice("format", Set.of("json", "csv"), "json");
        String reason = parameters.reason();
        parameters.periodAtMost(from, to, MAX_PERIOD);
        parameters.validate();

        String accessId = accessLog.record(new Access(Readers.of(caller, request), "audit.report", null,
                Map.of("report", kind.path(), "from", from.toString(), "to", to.toString(), "format", format),
                reason));
        Report report = reports.run(kind, from, to, properties.reportMaxRows(), accessId);

        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if ("csv".equals(format)) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("audit-report-" + kind.path() + ".csv").build().toString());
            Writer out = response.getWriter();
            out.write(CsvCells.line(report.columns().toArray()));
            for (Map<String, Object> row : report.rows()) {
                out.write(CsvCells.line(row.values().toArray()));
            }
            out.flush();
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(), report);
        }
    }
}
