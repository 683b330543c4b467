package cn.ruralcredit.loanfactory.decision.batch;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, read a character at a time from a buffered reader: quoted fields may hold
 * commas, quotes (doubled) and line breaks; the delimiter is a comma, or a tab when the header has
 * tabs and no comma. Memory is bounded whatever the file holds: a cell is cut at
 * {@link #MAX_CELL_CHARS} characters (and the row refused), a row at {@link #MAX_COLUMNS} cells.
 * Row numbers count records, the header being row 1, as a spreadsheet opening the file shows them.
 */
final class CsvRows implements RowSource {
    private final Reader in;
    private int delimiter = -1;
    private int record;
    private int pushedBack = -2;
    private boolean ended;

    CsvRows(Reader in) {
        this.in = in;
    }

    @Override
    public Row next() throws IOException {
        while (!ended) {
            List<String> cells = readRecord();
            if (cells == null) return null;
            record++;
            boolean blank = true;
            for (String c : cells) if (!c.isBlank()) { blank = false; break; }
            if (!blank) return new Row(record, cells);
        }
        return null;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private List<String> readRecord() throws IOException {
        int c = read();
        if (c == -1) {
            ended = true;
            return null;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean tooLong = false;
        boolean quoted = false;
        boolean sawQuote = false;
        StringBuilder firstLine = delimiter < 0 ? new StringBuilder() : null;
        while (true) {
            if (c == -1) {
                if (quoted) throw new BadFile("row " + (record + 1) + ": a quoted field is not closed before the end of the file");
                ended = true;
                break;
            }
            if (delimiter < 0 && firstLine != null && !quoted) {
                // the header decides the delimiter: a tab if it has tabs and no comma
                if (c == '\t' || c == ',') {
                    if (firstLine.indexOf(",") < 0 && c == '\t') delimiter = '\t';
                    else if (c == ',') delimiter = ',';
                }
                firstLine.append((char) c);
            }
            int delim = delimiter < 0 ? ',' : delimiter;
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        if (cell.length() < MAX_CELL_CHARS) cell.append('"'); else tooLong = true;
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else if (cell.length() < MAX_CELL_CHARS) {
                    cell.append((char) c);
                } else {
                    tooLong = true;
                }
            } else if (c == '"' && cell.length() == 0 && !sawQuote) {
                quoted = true;
                sawQuote = true;
            } else if (c == delim) {
                addCell(cells, cell, tooLong);
                cell.setLength(0);
                tooLong = false;
                sawQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') pushedBack = n;
                }
                break;
            } else if (cell.length() < MAX_CELL_CHARS) {
                cell.append((char) c);
            } else {
                tooLong = true;
            }
            c = read();
        }
        addCell(cells, cell, tooLong);
        if (delimiter < 0) delimiter = ',';
        return cells;
    }

    private void addCell(List<String> cells, StringBuilder cell, boolean tooLong) throws BadFile {
        if (cells.size() >= MAX_COLUMNS) {
            throw new BadFile("row " + (record + 1) + " has more than " + MAX_COLUMNS + " columns");
        }
        cells.add(tooLong ? TOO_LONG : cell.toString());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
