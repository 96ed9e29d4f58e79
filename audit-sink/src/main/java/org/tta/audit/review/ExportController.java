package org.tta.audit.review;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.tta.audit.review.access.Access;
import org.tta.audit.review.access.AccessLog;
import org.tta.audit.review.export.CsvRecordWriter;
import org.tta.audit.review.export.NdjsonRecordWriter;
import org.tta.audit.review.export.RecordWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export of a selection as NDJSON or CSV, streamed: rows go from a PostgreSQL cursor through a small buffer to
 * the response as they are fetched (chunked), so memory stays flat whatever the size. The access is recorded
 * before the first row is read.
 */
@RestController
@RequestMapping("/api/v1/audit")
class ExportController {

    static final Set<String> PARAMETERS = Set.of("format", "sessionId", "subject", "action", "severity", "from", "to",
            "reason");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final ReviewQueries queries;
    private final RecordViews views;
    private final AccessLog accessLog;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    ExportController(ReviewQueries queries, RecordViews views, AccessLog accessLog, JsonMapper json) {
        this.queries = queries;
        this.views = views;
        this.accessLog = accessLog;
        this.json = json;
    }

    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(HttpServletRequest request, Authentication caller) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), PARAMETERS);
        String format = parameters.choice("format", Set.of("ndjson", "csv"), "ndjson");
        RecordFilter filter = parameters.filter(Severities.KNOWN);
        String reason = parameters.reason();
        parameters.validate();

        boolean mayReadContent = Readers.mayReadContent(caller);
        Map<String, String> query = new HashMap<>();
        query.put("filter", filter.describe());
        query.put("format", format);
        accessLog.record(new Access(Readers.of(caller, request), "audit.export", filter.sessionId(), query, reason));

        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            RecordWriter<ReviewRecord> rows = "csv".equals(format)
                    ? new CsvRecordWriter<>(writer, ReviewRecord.COLUMNS, ReviewRecord::cells)
                    : new NdjsonRecordWriter<>(writer, json);
            rows.begin();
            queries.stream(filter, row -> {
                try {
                    rows.write(views.view(row, mayReadContent));
                } catch (IOException e) {
                    // The client went away: stop reading the cursor.
                    throw new UncheckedIOException(e);
                }
            });
            rows.end();
        };
        String file = "audit-export-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(clock.instant().atZone(java.time.ZoneOffset.UTC)) + "." + format;
        return ResponseEntity.ok()
                .contentType("csv".equals(format) ? CSV : NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
