package goodness.runs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a listing needs of {@code metrics.jsonl}, kept in {@code run.json} by the writer so that
 * listing a store does not read every run's metrics: the file's size when {@code run.json} was
 * written and, per row in file order, the epoch, the validation errors and the validation set's
 * size. A listing uses it only while {@code metrics.jsonl} still has that size (rows are only
 * ever appended, or cut back on resume, and {@code run.json} is rewritten after either); any
 * other size, as after a crash between the row and {@code run.json}, sends the listing back to
 * reading the file itself. A load always reads and checks the whole file.
 *
 * <p>In {@code run.json} it is the object {@code metrics_index}: {@code bytes} and four columns,
 * {@code epoch}, {@code energy_errors_valid}, {@code softmax_errors_valid} and
 * {@code valid_cases}, each a string of one entry per row separated by spaces, {@code -} where a
 * row has no value ({@code "epoch": "0 1 2"}, {@code "energy_errors_valid": "- - 401"}). Strings
 * rather than lists of numbers because a listing reads thousands of entries per run: a JSON
 * reader turns every number into an object of its own, which made the index as slow to read as
 * the file it stands for.
 *
 * @param bytes the size of {@code metrics.jsonl} the rows describe (0: no file yet)
 * @param rows  one per line of the file, in file order
 */
record MetricsIndex(long bytes, List<MetricsScan.Row> rows) {
    private static final String FIELD = "metrics_index";
    private static final String[] COLUMNS = {"epoch", "energy_errors_valid", "softmax_errors_valid", "valid_cases"};

    MetricsIndex {
        if (bytes < 0) throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        rows = List.copyOf(rows);
    }

    JsonObject toJson() {
        StringBuilder[] columns = {new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder()};
        for (MetricsScan.Row r : rows) {
            Integer[] v = {r.epoch(), r.energyErrorsValid(), r.softmaxErrorsValid(), r.validCases()};
            for (int c = 0; c < COLUMNS.length; c++) {
                if (!columns[c].isEmpty()) columns[c].append(' ');
                columns[c].append(v[c] == null ? "-" : v[c].toString());
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("bytes", bytes);
        for (int c = 0; c < COLUMNS.length; c++) o.addProperty(COLUMNS[c], columns[c].toString());
        return o;
    }

    /** {@code run.json}'s {@code metrics_index}, every entry checked (whole numbers from 0 to 2147483647, read exactly). */
    static MetricsIndex read(JsonElement el, Path file) {
        if (!el.isJsonObject()) throw bad(file, FIELD + " must be an object, got " + text(el));
        JsonObject o = el.getAsJsonObject();
        long bytes = bytes(o.get("bytes"), file);
        int[][] values = new int[COLUMNS.length][];
        for (int c = 0; c < COLUMNS.length; c++) {
            JsonElement col = o.get(COLUMNS[c]);
            String name = FIELD + "." + COLUMNS[c];
            if (col == null || col.isJsonNull()) throw bad(file, "has no \"" + name + "\"");
            if (!(col.isJsonPrimitive() && col.getAsJsonPrimitive().isString()))
                throw bad(file, name + " must be a string of entries separated by spaces, got " + text(col));
            values[c] = entries(col.getAsString(), name, file);
            if (values[c].length != values[0].length)
                throw bad(file, name + " has " + values[c].length + " entries, " + FIELD + ".epoch has " + values[0].length);
        }
        List<MetricsScan.Row> rows = new ArrayList<>(values[0].length);
        for (int i = 0; i < values[0].length; i++) {
            if (values[0][i] < 0) throw bad(file, FIELD + ".epoch entry " + (i + 1) + " is '-'; every row has an epoch");
            rows.add(new MetricsScan.Row(values[0][i], orNull(values[1][i]), orNull(values[2][i]), Math.max(0, values[3][i])));
        }
        return new MetricsIndex(bytes, rows);
    }

    private static Integer orNull(int v) {
        return v < 0 ? null : v;
    }

    /** The entries of a column; -1 for '-'. One pass over the text's bytes (the column is ASCII when it is valid). */
    private static int[] entries(String s, String name, Path file) {
        if (s.isEmpty()) return new int[0];
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int[] out = new int[b.length / 2 + 1];
        int n = 0, start = 0;
        for (int k = 0; k <= b.length; k++) {
            if (k < b.length && b[k] != ' ') continue;
            out[n] = entry(b, start, k, s, name, n, file);
            n++;
            start = k + 1;
        }
        return Arrays.copyOf(out, n);
    }

    private static int entry(byte[] b, int start, int end, String s, String name, int i, Path file) {
        if (end - start == 1 && b[start] == '-') return -1;
        long v = 0;
        boolean digits = end > start && end - start <= 10;
        for (int k = start; k < end && digits; k++) {
            int d = b[k] - '0';
            digits = d >= 0 && d <= 9;
            v = v * 10 + d;
        }
        if (digits && v <= Integer.MAX_VALUE) return (int) v;
        String t = s.substring(start, Math.min(end, start + 40));
        throw bad(file, name + " entry " + (i + 1) + " must be '-' or a whole number from 0 to " + Integer.MAX_VALUE + ", got '"
                + Printable.escape(t) + "'");
    }

    private static long bytes(JsonElement el, Path file) {
        String field = FIELD + ".bytes";
        if (el == null || el.isJsonNull()) throw bad(file, "has no \"" + field + "\"");
        if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()) {
            try {
                BigDecimal d = new BigDecimal(el.getAsString());
                if (d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0)
                    return d.longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                // refused below
            }
        }
        throw bad(file, field + " must be a whole number from 0 up, got " + text(el));
    }

    private static String text(JsonElement el) {
        String t = el.toString();
        return Printable.escape(t.length() > 40 ? t.substring(0, 40) + "..." : t);
    }

    private static RunFileException bad(Path file, String problem) {
        return new RunFileException(file, "malformed run status: " + problem);
    }
}
