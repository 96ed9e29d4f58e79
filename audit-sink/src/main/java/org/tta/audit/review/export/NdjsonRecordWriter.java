package org.tta.audit.review.export;

import java.io.IOException;
import java.io.Writer;

import tools.jackson.databind.json.JsonMapper;

/** Newline-delimited JSON: one JSON object per line, no header. */
public final class NdjsonRecordWriter<T> implements RecordWriter<T> {

    private final Writer out;
    private final JsonMapper json;

    public NdjsonRecordWriter(Writer out, JsonMapper json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public void begin() {
        // NDJSON has no header.
    }

    @Override
    public void write(T row) throws IOException {
        // JSON escapes line breaks inside strings, so one row is always one line.
        out.write(json.writeValueAsString(row));
        out.write('\n');
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
