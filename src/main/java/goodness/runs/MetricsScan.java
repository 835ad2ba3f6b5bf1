package goodness.runs;

import goodness.ff.training.EpochMetrics;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a listing needs of {@code metrics.jsonl}: per row the epoch, the validation errors of
 * both scores and the validation set's size, read straight from the bytes without building the
 * row. Each complete line must still be one JSON object with the row's required fields; the
 * fields read here are checked as strictly as {@link RunJson#metrics} checks them (whole
 * numbers from 0 up, no wrap, no truncation); the others are only skipped over, and
 * {@link RunStore#load} checks them. An incomplete last line (an append a crash cut short) is
 * skipped, as {@link JsonLines#read} skips it.
 */
final class MetricsScan {
    /** One row as a listing sees it. */
    record Row(int epoch, Integer energyErrorsValid, Integer softmaxErrorsValid, int validCases) {
        static Row of(EpochMetrics m) {
            return new Row(m.epoch(), m.energyErrorsValid(), m.softmaxErrorsValid(), m.validCases());
        }
    }

    private static final byte[] EPOCH = key("epoch"), ENERGY = key("energy_errors_valid"), SOFTMAX = key("softmax_errors_valid"),
            VALID_CASES = key("valid_cases"), COST = key("trainlogcost"), PAIRWISE = key("pairwise_errors");

    /** Each listing thread's read buffer (about the size of the largest metrics file it has read). */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    private MetricsScan() {
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.US_ASCII);
    }

    /** The rows of {@code file} in file order (none if it does not exist). */
    static List<Row> read(Path file) {
        StoreFiles.Bytes read = StoreFiles.readInto(file, StoreFiles.MAX_LINES, BUFFER.get());
        List<Row> out = new ArrayList<>();
        if (read == null) return out;
        if (read.bytes().length <= 4 << 20) BUFFER.set(read.bytes()); // a larger one is not kept
        byte[] b = read.bytes();
        int length = read.length();
        int start = 0, lineNo = 0;
        while (start < length) {
            int nl = start;
            while (nl < length && b[nl] != '\n') nl++;
            if (nl == length) break; // an incomplete last line
            lineNo++;
            Row r = new Line(b, start, nl, file, lineNo).row();
            if (r != null) out.add(r);
            start = nl + 1;
        }
        return out;
    }

    /** The rows of epochs 0..n-1, one per epoch (the last if an epoch has several), in order. */
    static List<Row> upTo(List<Row> rows, int n) {
        // The usual file: one row per epoch from 0, in order. Its first n rows are the answer.
        boolean inOrder = true;
        for (int i = 0; i < rows.size() && inOrder; i++) inOrder = rows.get(i).epoch() == i;
        if (inOrder) return rows.subList(0, Math.min(n, rows.size()));
        Map<Integer, Row> byEpoch = new HashMap<>();
        for (Row m : rows) if (m.epoch() < n) byEpoch.put(m.epoch(), m);
        List<Row> out = new ArrayList<>(byEpoch.values());
        out.sort(Comparator.comparingInt(Row::epoch));
        return out;
    }

    /** How many epochs from 0 on have a row, without a gap. */
    static int contiguous(List<Row> rows) {
        int n = 0;
        for (Row m : upTo(rows, Integer.MAX_VALUE)) if (m.epoch() == n) n++;
        return n;
    }

    /** What {@link Line#compositeStep} stops at: quotes, brackets and braces, and bytes with the high bit (UTF-8). */
    private static final boolean[] STOP = new boolean[256];

    static {
        for (char c : "\"{}[]".toCharArray()) STOP[c] = true;
        for (int c = 128; c < 256; c++) STOP[c] = true;
    }

    /** One line's scan: a small JSON reader over bytes that reads four fields and skips the rest. */
    private static final class Line {
        private final byte[] b;
        private final int end;
        private final Path file;
        private final int lineNo;
        private int i;

        Line(byte[] b, int start, int end, Path file, int lineNo) {
            this.b = b;
            this.i = start;
            this.end = end;
            this.file = file;
            this.lineNo = lineNo;
        }

        /** The row, or null for a blank line. */
        Row row() {
            ws();
            if (i == end) return null;
            Integer epoch = null, energy = null, softmax = null, validCases = null;
            boolean cost = false, pairwise = false;
            expect('{', "is not a JSON object");
            ws();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    ws();
                    if (peek() != '"') throw bad("is not valid JSON: a field name was expected at column " + column());
                    int ks = i + 1;
                    skipString();
                    int ke = i - 1;
                    ws();
                    if (peek() != ':') throw bad("is not valid JSON: ':' was expected at column " + column());
                    i++;
                    ws();
                    if (is(ks, ke, EPOCH)) epoch = count("epoch");
                    else if (is(ks, ke, ENERGY)) energy = count("energy_errors_valid");
                    else if (is(ks, ke, SOFTMAX)) softmax = count("softmax_errors_valid");
                    else if (is(ks, ke, VALID_CASES)) validCases = count("valid_cases");
                    else if (is(ks, ke, COST)) {
                        cost = !isNull();
                        skipValue();
                    } else if (is(ks, ke, PAIRWISE)) {
                        if (!isNull() && peek() != '[') throw bad("pairwise_errors must be a list, got " + token());
                        pairwise = !isNull();
                        skipValue();
                    } else skipValue();
                    ws();
                    int c = peek();
                    i++;
                    if (c == ',') continue;
                    if (c == '}') break;
                    throw bad("is not valid JSON: ',' or '}' was expected at column " + (column() - 1));
                }
            }
            ws();
            if (i != end) throw bad("is not valid JSON: text after the object at column " + column());
            if (epoch == null) throw missing("epoch");
            if (!cost) throw missing("trainlogcost");
            if (!pairwise) throw missing("pairwise_errors");
            return new Row(epoch, energy, softmax, validCases == null ? 0 : validCases);
        }

        private int column() {
            int s = i;
            while (s > 0 && b[s - 1] != '\n') s--;
            return i - s + 1;
        }

        private RunFileException bad(String problem) {
            return new RunFileException(Path.of(file + " line " + lineNo), "malformed metrics row: " + problem);
        }

        private RunFileException missing(String field) {
            return new RunFileException(Path.of(file + " line " + lineNo), "has no \"" + field + "\"");
        }

        private int peek() {
            return i < end ? b[i] : -1;
        }

        private void expect(char c, String problem) {
            if (peek() != c) throw bad(problem);
            i++;
        }

        private void ws() {
            while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) i++;
        }

        private boolean is(int ks, int ke, byte[] key) {
            if (ke - ks != key.length) return false;
            for (int k = 0; k < key.length; k++) if (b[ks + k] != key[k]) return false;
            return true;
        }

        private boolean isNull() {
            return end - i >= 4 && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l';
        }

        /** A count field: null (as if missing) or a whole number from 0 to 2147483647, exactly. */
        private Integer count(String field) {
            if (isNull()) {
                i += 4;
                return null;
            }
            int s = i;
            long v = 0;
            boolean simple = i < end && b[i] >= '0' && b[i] <= '9';
            while (i < end && b[i] >= '0' && b[i] <= '9' && v <= Integer.MAX_VALUE) v = v * 10 + (b[i++] - '0');
            if (simple && v <= Integer.MAX_VALUE && (i == end || b[i] == ',' || b[i] == '}' || b[i] == ' ')) return (int) v;
            i = s;
            String t = token();
            try {
                BigDecimal d = new BigDecimal(t);
                if (d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                    skipValue();
                    return d.intValueExact();
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // not a number: refused below
            }
            throw bad(field + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", got " + t);
        }

        /** The value at i as text, for messages (at most 40 characters, control characters escaped). */
        private String token() {
            int s = i, e = i;
            if (e < end && (b[e] == '[' || b[e] == '{' || b[e] == '"')) e++;
            while (e < end && b[e] != ',' && b[e] != '}' && b[e] != ']' && e - s < 40) e++;
            return Printable.escape(new String(b, s, e - s, StandardCharsets.UTF_8));
        }

        /** The index of the next byte from {@code j} that a list or object's skipping must look at, or {@code end}. */
        private static int compositeStep(byte[] b, int j, int end) {
            while (j < end && !STOP[b[j] & 0xff]) j++;
            return j;
        }

        private void skipString() {
            int j = stringEnd(b, i + 1, end);
            while (j < 0) { // a byte the fast loop leaves to this one: a control character, a UTF-8 sequence, the end
                int at = -j - 1;
                if (at >= end) throw bad("is not valid JSON: a string is not closed");
                if (b[at] >= 0) throw bad("is not valid JSON: a control character in a string at column " + (at - lineStart() + 1));
                i = at;
                utf8(at);
                j = stringEnd(b, i, end);
            }
            i = j;
        }

        private int lineStart() {
            int s = i;
            while (s > 0 && b[s - 1] != '\n') s--;
            return s;
        }

        /**
         * The index after the closing quote of a string whose text starts at {@code j}, or
         * {@code -(k + 1)} for the index {@code k} of a byte it cannot judge alone (a control
         * character, a byte of a UTF-8 sequence, or {@code end}).
         */
        private static int stringEnd(byte[] b, int j, int end) {
            while (j < end) {
                byte c = b[j];
                if (c == '"') return j + 1;
                if (c == '\\') {
                    j += 2;
                    continue;
                }
                if (c < 0x20) return -(j + 1); // negative bytes (UTF-8) included
                j++;
            }
            return -(Math.min(j, end) + 1);
        }

        /** Checks the UTF-8 sequence that starts at {@code at} (rows are ASCII but for names and messages). */
        private void utf8(int at) {
            int n = (b[at] & 0xE0) == 0xC0 ? 2 : (b[at] & 0xF0) == 0xE0 ? 3 : (b[at] & 0xF8) == 0xF0 ? 4 : 0;
            if (n == 0 || at + n > end) throw notUtf8();
            StoreFiles.utf8(file, java.util.Arrays.copyOfRange(b, at, at + n));
            i = at + n;
        }

        private RunFileException notUtf8() {
            return new RunFileException(file, "is not UTF-8 text");
        }

        private void skipValue() {
            int c = peek();
            if (c == '"') {
                skipString();
                return;
            }
            if (c == '{' || c == '[') {
                int depth = 0;
                while (true) {
                    int j = compositeStep(b, i, end);
                    if (j >= end) throw bad("is not valid JSON: a list or object is not closed");
                    byte x = b[j];
                    i = j;
                    if (x == '"') skipString();
                    else if (x < 0) utf8(j);
                    else {
                        i = j + 1;
                        if (x == '{' || x == '[') depth++;
                        else if (--depth == 0) return; // '}' or ']'
                    }
                }
            }
            int s = i;
            while (i < end && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                if (b[i] < 0) throw bad("is not valid JSON at column " + column());
                i++;
            }
            if (i == s) throw bad("is not valid JSON: a value was expected at column " + column());
        }
    }
}
