package cn.ruralcredit.loanfactory.decision.batch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What an uploaded file is: XLSX (a ZIP) or CSV, and a CSV's character set — UTF-8 with or
 * without a byte order mark, or GB18030 (which includes GBK and GB2312, what Excel on a Chinese
 * Windows saves) — detected, or as the officer chose.
 */
final class SourceFiles {
    static final String CSV = "CSV";
    static final String XLSX = "XLSX";
    static final String UTF_8 = "UTF-8";
    static final String GB18030 = "GB18030";

    private SourceFiles() {
    }

    record Detected(String format, String charset) {
    }

    /**
     * The format and character set of {@code file}; {@code charset} is the officer's choice
     * (UTF-8, GBK, GB18030, GB2312) or null/AUTO to detect it.
     */
    static Detected detect(Path file, String charset) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n == 0) throw new RowSource.BadFile("the file is empty");
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return new Detected(XLSX, null);
        if (n >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            throw new RowSource.BadFile("the file is UTF-16 text; save it as CSV UTF-8 or as CSV (GBK), or as XLSX");
        }
        if (n >= 4 && head[0] == (byte) 0xD0 && head[1] == (byte) 0xCF && head[2] == 0x11 && head[3] == (byte) 0xE0) {
            throw new RowSource.BadFile("the file is an old Excel 97-2003 workbook (.xls); save it as XLSX or CSV");
        }
        String chosen = charset == null || charset.isBlank() || charset.equalsIgnoreCase("AUTO") ? null
                : charset.trim().toUpperCase(Locale.ROOT);
        if (chosen != null) {
            switch (chosen) {
                case "UTF-8", "UTF8" -> { return new Detected(CSV, UTF_8); }
                case "GBK", "GB18030", "GB2312", "CP936" -> { return new Detected(CSV, GB18030); }
                default -> throw new IllegalArgumentException(charset);
            }
        }
        boolean bom = n >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        if (bom || isUtf8(file)) return new Detected(CSV, UTF_8);
        return new Detected(CSV, GB18030);
    }

    /** True when every byte of the file decodes as UTF-8; read in blocks, never whole. */
    private static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                boolean end = read < 0;
                if (!end) bytes.position(bytes.position() + read);
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                if (result.isError()) return false;
                chars.clear();
                bytes.compact();
                if (end) {
                    bytes.flip();
                    return !decoder.flush(chars).isError() && !bytes.hasRemaining();
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The rows of {@code file} as {@code format} in {@code charset}. */
    static RowSource open(Path file, String format, String charset) throws IOException {
        if (XLSX.equals(format)) return new XlsxRows(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        if (UTF_8.equals(charset)) {
            in.mark(3);
            byte[] bom = in.readNBytes(3);
            if (!(bom.length == 3 && bom[0] == (byte) 0xEF && bom[1] == (byte) 0xBB && bom[2] == (byte) 0xBF)) in.reset();
        }
        Charset cs = UTF_8.equals(charset) ? StandardCharsets.UTF_8 : Charset.forName(GB18030);
        return new CsvRows(new BufferedReader(new InputStreamReader(in, cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 64 * 1024));
    }
}
