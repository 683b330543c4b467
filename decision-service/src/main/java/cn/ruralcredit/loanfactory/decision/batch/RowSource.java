package cn.ruralcredit.loanfactory.decision.batch;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The rows of an uploaded file, read one at a time; blank rows are skipped. */
interface RowSource extends Closeable {
    /** The most characters a cell may hold; a longer one is cut and marked {@link #TOO_LONG}. */
    int MAX_CELL_CHARS = 1000;
    /** The most columns a row may have. */
    int MAX_COLUMNS = 200;
    /** What a cell longer than {@link #MAX_CELL_CHARS} reads as: the row is then refused, naming the column. */
    String TOO_LONG = "\u0000too-long";

    /** One row: its number as a spreadsheet shows it (the header is usually 1) and its cells, left to right. */
    record Row(int number, List<String> cells) {
        String cell(int index) {
            return index < cells.size() ? cells.get(index) : null;
        }
    }

    /** The next row that is not blank, or null at the end of the file. */
    Row next() throws IOException;

    /** The file cannot be read as the format it claims: a 400 at upload. */
    class BadFile extends IOException {
        BadFile(String message) {
            super(message);
        }
    }
}
