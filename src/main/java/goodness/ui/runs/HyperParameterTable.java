package goodness.ui.runs;

import goodness.ff.FFConfig;
import goodness.ui.config.ConfigEditor;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The hyper-parameters of several runs side by side (TensorBoard's hparams view): one row per
 * {@link FFConfig} field, one value per run, and whether the runs differ there. Toolkit-free.
 *
 * @param runs the runs' labels, in column order
 * @param rows every FFConfig field, in the record's order
 */
public record HyperParameterTable(List<String> runs, List<Row> rows) {
    /** One field: its name, each run's value as text, and whether they are not all equal. */
    public record Row(String field, List<String> values, boolean differs) {
        public Row {
            values = List.copyOf(values);
        }
    }

    /** A run to compare: its label and config. */
    public record Column(String label, FFConfig config) {
    }

    public HyperParameterTable {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
    }

    public static HyperParameterTable of(List<Column> columns) {
        List<String> labels = new ArrayList<>();
        for (Column c : columns) labels.add(c.label());
        List<Row> rows = new ArrayList<>();
        for (RecordComponent rc : FFConfig.class.getRecordComponents()) {
            List<String> values = new ArrayList<>();
            for (Column c : columns) values.add(text(read(rc, c.config())));
            boolean differs = values.stream().distinct().count() > 1;
            rows.add(new Row(rc.getName(), values, differs));
        }
        return new HyperParameterTable(labels, rows);
    }

    /** The rows where the runs differ. */
    public List<Row> differing() {
        return rows.stream().filter(Row::differs).toList();
    }

    private static Object read(RecordComponent rc, FFConfig c) {
        try {
            return rc.getAccessor().invoke(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("FFConfig's accessors are public", e);
        }
    }

    private static String text(Object v) {
        if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        if (v instanceof Double d) return ConfigEditor.num(d);
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder();
            for (Object o : l) b.append(b.length() == 0 ? "" : "-").append(o);
            return b.toString();
        }
        return Objects.toString(v);
    }
}
