package org.tta.audit.review.export;

/**
 * CSV cells (RFC 4180) that a spreadsheet will not run: every cell is quoted, quotes doubled, and a cell that
 * starts with a formula trigger ({@code = + - @}, tab, carriage return, line feed) gets a leading apostrophe, as
 * OWASP's CSV injection guidance advises. The apostrophe makes the cell text in Excel, LibreOffice and Sheets.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** One cell, quoted; {@code null} is an empty cell. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && isFormulaTrigger(text.charAt(0))) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A whole line of cells, ending in CRLF. */
    public static String line(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(values[i]));
        }
        return line.append("\r\n").toString();
    }

    private static boolean isFormulaTrigger(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\n' || first == '\uFF1D' || first == '\uFF0B' || first == '\uFF0D' || first == '\uFF20';
    }
}
