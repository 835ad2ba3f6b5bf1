package goodness.runs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p>In {@code run.json} it is the object {@code metrics_index}: {@code bytes} and four columns
 * of one entry per row, {@code epoch}, {@code energy_errors_valid}, {@code softmax_errors_valid}
 * (null where the row has none) and {@code valid_cases}.
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
        JsonArray epoch = new JsonArray(), energy = new JsonArray(), softmax = new JsonArray(), cases = new JsonArray();
        for (MetricsScan.Row r : rows) {
            epoch.add(r.epoch());
            energy.add(r.energyErrorsValid());
            softmax.add(r.softmaxErrorsValid());
            cases.add(r.validCases());
        }
        JsonObject o = new JsonObject();
        o.addProperty("bytes", bytes);
        JsonArray[] columns = {epoch, energy, softmax, cases};
        for (int c = 0; c < COLUMNS.length; c++) o.add(COLUMNS[c], columns[c]);
        return o;
    }

    /** {@code run.json}'s {@code metrics_index}, every entry checked (whole numbers from 0 up, read exactly). */
    static MetricsIndex read(JsonElement el, Path file) {
        if (!el.isJsonObject()) throw bad(file, FIELD + " must be an object, got " + text(el));
        JsonObject o = el.getAsJsonObject();
        Long bytes = whole(o.get("bytes"), FIELD + ".bytes", Long.MAX_VALUE, file);
        if (bytes == null) throw bad(file, "has no \"" + FIELD + ".bytes\"");
        JsonArray[] columns = new JsonArray[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            JsonElement col = o.get(COLUMNS[c]);
            String name = FIELD + "." + COLUMNS[c];
            if (col == null || col.isJsonNull()) throw bad(file, "has no \"" + name + "\"");
            if (!col.isJsonArray()) throw bad(file, name + " must be a list, got " + text(col));
            columns[c] = col.getAsJsonArray();
            if (columns[c].size() != columns[0].size())
                throw bad(file, name + " has " + columns[c].size() + " entries, " + FIELD + ".epoch has " + columns[0].size());
        }
        List<MetricsScan.Row> rows = new ArrayList<>(columns[0].size());
        for (int i = 0; i < columns[0].size(); i++) {
            Integer[] v = new Integer[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                Long x = whole(columns[c].get(i), FIELD + "." + COLUMNS[c] + "[" + i + "]", Integer.MAX_VALUE, file);
                v[c] = x == null ? null : (int) (long) x;
            }
            if (v[0] == null) throw bad(file, FIELD + ".epoch[" + i + "] is null");
            rows.add(new MetricsScan.Row(v[0], v[1], v[2], v[3] == null ? 0 : v[3]));
        }
        return new MetricsIndex(bytes, rows);
    }

    /** Null for a missing or null entry, else a whole number from 0 to {@code max}, exactly. */
    private static Long whole(JsonElement el, String field, long max, Path file) {
        if (el == null || el.isJsonNull()) return null;
        if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()) {
            try {
                BigDecimal d = new BigDecimal(el.getAsString());
                if (d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) return d.longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                // refused below
            }
        }
        throw bad(file, field + " must be a whole number from 0 " + (max == Long.MAX_VALUE ? "up" : "to " + max) + ", got " + text(el));
    }

    private static String text(JsonElement el) {
        String t = el.toString();
        return Printable.escape(t.length() > 40 ? t.substring(0, 40) + "..." : t);
    }

    private static RunFileException bad(Path file, String problem) {
        return new RunFileException(file, "malformed run status: " + problem);
    }
}
