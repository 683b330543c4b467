package cn.ruralcredit.loanfactory.decision.batch;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The first worksheet of an XLSX file, streamed with StAX: one row in memory at a time. Only
 * the shared-strings table is held whole, and it is bounded. An XLSX is a ZIP of XML, so it is
 * read as untrusted: no DTDs or external entities (XXE), every part read through a counter that
 * stops at {@link #MAX_PART_BYTES} and at a compression ratio above {@link #MAX_RATIO} (a zip
 * bomb expands a few kilobytes into gigabytes), and at most {@link #MAX_SHARED_STRINGS} shared
 * strings of {@link #MAX_SHARED_CHARS} characters in all.
 */
final class XlsxRows implements RowSource {
    static final long MAX_PART_BYTES = 1024L * 1024 * 1024;
    static final long MAX_RATIO = 200;
    static final int MAX_SHARED_STRINGS = 1_000_000;
    static final long MAX_SHARED_CHARS = 32L * 1024 * 1024;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    private final ZipFile zip;
    private final List<String> shared;
    private final InputStream sheetIn;
    private final XMLStreamReader sheet;

    XlsxRows(Path file) throws IOException {
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BadFile("the file is not a readable XLSX workbook (" + e.getMessage() + ")");
        }
        try {
            String sheetPath = firstSheetPath();
            shared = sharedStrings();
            ZipEntry entry = zip.getEntry(sheetPath);
            if (entry == null) throw new BadFile("the workbook has no worksheet " + sheetPath);
            sheetIn = bounded(entry);
            sheet = XML.createXMLStreamReader(sheetIn);
        } catch (XMLStreamException | RuntimeException e) {
            zip.close();
            Throwable cause = e;
            while (cause != null && !(cause instanceof BadFile)) cause = cause.getCause();
            if (cause != null) throw (BadFile) cause;
            throw new BadFile("the workbook's XML cannot be read: " + e.getMessage());
        } catch (IOException e) {
            zip.close();
            throw e;
        }
    }

    @Override
    public Row next() throws IOException {
        try {
            while (sheet.hasNext()) {
                int event = sheet.next();
                if (event == XMLStreamConstants.START_ELEMENT && "row".equals(sheet.getLocalName())) {
                    Row row = readRow();
                    if (row != null) return row;
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            // the parser reports some errors unchecked (text parsed lazily); a bound of ours comes as the cause
            Throwable cause = e;
            while (cause != null && !(cause instanceof BadFile)) cause = cause.getCause();
            if (cause != null) throw (BadFile) cause;
            throw new BadFile("the worksheet's XML cannot be read: " + e.getMessage());
        }
    }

    private int rowsSeen;

    private Row readRow() throws XMLStreamException, BadFile {
        String r = sheet.getAttributeValue(null, "r");
        int number = r == null ? rowsSeen + 1 : Integer.parseInt(r.trim());
        rowsSeen = number;
        List<String> cells = new ArrayList<>();
        boolean blank = true;
        int nextColumn = 0;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT && "row".equals(sheet.getLocalName())) break;
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(sheet.getLocalName())) {
                String ref = sheet.getAttributeValue(null, "r");
                String type = sheet.getAttributeValue(null, "t");
                int column = ref == null ? nextColumn : columnOf(ref);
                if (column >= MAX_COLUMNS) throw new BadFile("row " + number + " has more than " + MAX_COLUMNS + " columns");
                String value = cellValue(type);
                while (cells.size() < column) cells.add("");
                if (cells.size() == column) cells.add(value); else cells.set(column, value);
                if (!value.isBlank()) blank = false;
                nextColumn = column + 1;
            }
        }
        return blank ? null : new Row(number, cells);
    }

    /** The text of the cell the reader is at, to its end element. */
    private String cellValue(String type) throws XMLStreamException, BadFile {
        StringBuilder v = new StringBuilder();
        boolean tooLong = false;
        boolean inText = false;
        int depth = 1;
        while (sheet.hasNext() && depth > 0) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = sheet.getLocalName();
                inText = "v".equals(name) || "t".equals(name);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                inText = false;
            } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                int room = MAX_CELL_CHARS - v.length();
                int len = sheet.getTextLength();
                if (len > room) tooLong = true;
                v.append(sheet.getTextCharacters(), sheet.getTextStart(), Math.max(0, Math.min(room, len)));
            }
        }
        if (tooLong) return TOO_LONG;
        String text = v.toString();
        if ("s".equals(type)) {
            try {
                int index = Integer.parseInt(text.trim());
                if (index < 0 || index >= shared.size()) throw new BadFile("a cell names shared string " + index + ", which does not exist");
                return shared.get(index);
            } catch (NumberFormatException e) {
                throw new BadFile("a cell names shared string '" + text + "'");
            }
        }
        if ("b".equals(type)) return "1".equals(text.trim()) ? "TRUE" : "FALSE";
        return text;
    }

    static int columnOf(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch >= 'A' && ch <= 'Z') column = column * 26 + (ch - 'A' + 1);
            else if (ch >= 'a' && ch <= 'z') column = column * 26 + (ch - 'a' + 1);
            else break;
            if (column > MAX_COLUMNS) return MAX_COLUMNS;
        }
        return column - 1;
    }

    private String firstSheetPath() throws IOException, XMLStreamException {
        ZipEntry workbook = zip.getEntry("xl/workbook.xml");
        if (workbook == null) throw new BadFile("the file is a ZIP but not an XLSX workbook (no xl/workbook.xml)");
        String relId = null;
        try (InputStream in = bounded(workbook)) {
            XMLStreamReader x = XML.createXMLStreamReader(in);
            while (x.hasNext() && relId == null) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(x.getLocalName())) {
                    for (int i = 0; i < x.getAttributeCount(); i++) {
                        if ("id".equals(x.getAttributeLocalName(i))) relId = x.getAttributeValue(i);
                    }
                }
            }
        }
        ZipEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
        if (relId != null && rels != null) {
            try (InputStream in = bounded(rels)) {
                XMLStreamReader x = XML.createXMLStreamReader(in);
                while (x.hasNext()) {
                    if (x.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(x.getLocalName())
                            && relId.equals(x.getAttributeValue(null, "Id"))) {
                        String target = x.getAttributeValue(null, "Target");
                        if (target == null) break;
                        if (target.startsWith("/")) return target.substring(1);
                        return "xl/" + target;
                    }
                }
            }
        }
        return "xl/worksheets/sheet1.xml";
    }

    private List<String> sharedStrings() throws IOException, XMLStreamException {
        List<String> strings = new ArrayList<>();
        ZipEntry entry = zip.getEntry("xl/sharedStrings.xml");
        if (entry == null) return strings;
        long chars = 0;
        try (InputStream in = bounded(entry)) {
            XMLStreamReader x = XML.createXMLStreamReader(in);
            StringBuilder current = null;
            boolean inText = false;
            boolean inPhonetic = false;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = x.getLocalName();
                    if ("si".equals(name)) current = new StringBuilder();
                    else if ("rPh".equals(name)) inPhonetic = true;
                    else if ("t".equals(name)) inText = !inPhonetic;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = x.getLocalName();
                    if ("si".equals(name) && current != null) {
                        if (strings.size() >= MAX_SHARED_STRINGS) {
                            throw new BadFile("the workbook has more than " + MAX_SHARED_STRINGS + " shared strings");
                        }
                        strings.add(current.length() > MAX_CELL_CHARS ? TOO_LONG : current.toString());
                        current = null;
                    } else if ("rPh".equals(name)) {
                        inPhonetic = false;
                    } else if ("t".equals(name)) {
                        inText = false;
                    }
                } else if (inText && current != null
                        && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    int len = x.getTextLength();
                    chars += len;
                    if (chars > MAX_SHARED_CHARS) {
                        throw new BadFile("the workbook's shared strings hold more than " + MAX_SHARED_CHARS + " characters");
                    }
                    if (current.length() <= MAX_CELL_CHARS) current.append(x.getTextCharacters(), x.getTextStart(), len);
                }
            }
        }
        return strings;
    }

    /** A part of the ZIP, read through a counter that refuses what a zip bomb would expand to. */
    private InputStream bounded(ZipEntry entry) throws IOException {
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long limit = Math.min(MAX_PART_BYTES, compressed * MAX_RATIO + 1024 * 1024);
        String name = entry.getName();
        return new FilterInputStream(zip.getInputStream(entry)) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) count(1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) count(n);
                return n;
            }

            private void count(int n) throws BadFile {
                count += n;
                if (count > limit) {
                    throw new BadFile("part " + name + " of the workbook expands to more than " + limit
                            + " bytes (from " + compressed + " compressed): refused as a possible zip bomb");
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            if (sheet != null) sheet.close();
        } catch (XMLStreamException ignored) {
            // closing anyway
        }
        zip.close();
    }
}
