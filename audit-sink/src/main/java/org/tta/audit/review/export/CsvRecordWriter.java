package org.tta.audit.review.export;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Function;

/** CSV with a header line, each row made safe by {@link CsvCells}. */
public final class CsvRecordWriter<T> implements RecordWriter<T> {

    private final Writer out;
    private final String[] columns;
    private final Function<T, Object[]> cells;

    public CsvRecordWriter(Writer out, String[] columns, Function<T, Object[]> cells) {
        this.out = out;
        this.columns = columns.clone();
        this.cells = cells;
    }

    @Override
    public void begin() throws IOException {
        out.write(CsvCells.line((Object[]) columns));
    }

    @Override
    public void write(T row) throws IOException {
        out.write(CsvCells.line(cells.apply(row)));
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
