package org.tta.audit.review.export;

import java.io.IOException;

/** Writes rows one at a time to a stream; nothing is held beyond the current row. Not thread-safe. */
public interface RecordWriter<T> {

    /** Writes the header, if the format has one. */
    void begin() throws IOException;

    void write(T row) throws IOException;

    /** Flushes what is buffered; does not close the underlying stream. */
    void end() throws IOException;
}
