package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An experiment folder's {@code cells.csv}: one line per finished cell, appended by whichever
 * process finished it, never rewritten. Several processes append to one file, so a line may be
 * cut by a crash: {@link #read} skips any line that does not parse. The file keeps the width of
 * its own header: one begun with {@link #HEADER_WALL_ONLY} (14 columns, no CPU time) stays at
 * 14, since a build of that width may still be appending to it and skips rows of another width.
 */
public final class CellStore {
    public static final String FILE = "cells.csv";
    public static final String HEADER = "dataset,negatives,table,phase,epochs,steps,batch_size,train_images,lr,seed,test_errors,test_cases,accuracy,seconds,cpu_seconds";
    /** The header of folders begun before {@code cpu_seconds}. */
    public static final String HEADER_WALL_ONLY = HEADER.substring(0, HEADER.lastIndexOf(','));

    /**
     * The file's format: plain comma-separated fields, no quoting (no field ever holds a comma,
     * and a quote left by a torn line must not swallow the lines after it).
     */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setQuote(null).setIgnoreEmptyLines(true).get();
    private static final int COLUMNS = 15, COLUMNS_WALL_ONLY = 14;

    private final Path file;

    private CellStore(Path file) {
        this.file = file;
    }

    /** The cells of the experiment folder {@code dir} (the file need not exist yet). */
    public static CellStore in(Path dir) {
        return new CellStore(dir.resolve(FILE));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Writes the header of an empty table unless the file exists. */
    public void createIfMissing() throws IOException {
        if (!Files.exists(file)) Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
    }

    /** Whether {@code line} is the header of a cells.csv (either width). */
    public static boolean isHeader(String line) {
        return HEADER.equals(line) || HEADER_WALL_ONLY.equals(line);
    }

    /** The file's first line, or null for an empty file. */
    public String header() throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return in.readLine();
        }
    }

    /** Finished cells by {@link #key}, in file order; where a key repeats, the later line counts. */
    public Map<String, CellResult> read() throws IOException {
        Map<String, CellResult> m = new LinkedHashMap<>();
        for (CellResult r : results()) m.put(key(r.cell(), r.budget()), r);
        return m;
    }

    /** Every line that parses as a finished cell, in file order. */
    public List<CellResult> results() throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in);
        }
    }

    /** The finished cells of a cells.csv's text (its first line, the header, is skipped); lines that do not parse are left out. */
    public static List<CellResult> parse(Reader in) throws IOException {
        List<CellResult> results = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(in)) {
            boolean header = true;
            for (CSVRecord f : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                CellResult r = result(f);
                if (r != null) results.add(r);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return results;
    }

    /** One line's cell, or null for a line of another width or with a field that does not parse. */
    private static CellResult result(CSVRecord f) {
        if (f.size() != COLUMNS && f.size() != COLUMNS_WALL_ONLY) return null;
        try {
            Cell c = new Cell(Dataset.parse(f.get(0)), NegativeMode.parse(f.get(1)), Integer.parseInt(f.get(2)),
                    f.get(3).equals("unseparated") ? 0 : Integer.parseInt(f.get(3)));
            Budget b = new Budget(Integer.parseInt(f.get(4)), Integer.parseInt(f.get(5)), Integer.parseInt(f.get(6)),
                    Integer.parseInt(f.get(7)), Double.parseDouble(f.get(8)), Long.parseLong(f.get(9)));
            double cpu = f.size() == COLUMNS && !f.get(14).isEmpty() ? Double.parseDouble(f.get(14)) : Double.NaN;
            return new CellResult(c, b, Integer.parseInt(f.get(10)), Integer.parseInt(f.get(11)), Double.parseDouble(f.get(13)), cpu);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Appends a finished cell in the columns of the file's own header ({@link #HEADER_WALL_ONLY}: no CPU time). */
    public void append(CellResult r) throws IOException {
        String line = key(r.cell(), r.budget()) + String.format(Locale.ROOT, ",%d,%d,%.4f,%.1f",
                r.testErrors(), r.testCases(), r.accuracy(), r.seconds());
        if (!HEADER_WALL_ONLY.equals(header()))
            line += Double.isFinite(r.cpuSeconds()) ? String.format(Locale.ROOT, ",%.1f", r.cpuSeconds()) : ",";
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * A cell's identity in {@code cells.csv}, its checkpoint and its lock: the first ten columns
     * of its {@link Cell#resultCell()}'s line.
     */
    public static String key(Cell cell, Budget b) {
        Cell c = cell.resultCell();
        return String.join(",", c.dataset().folder(), c.negatives().id(), Integer.toString(c.table()), c.phaseLabel(),
                Integer.toString(b.epochs()), Integer.toString(b.steps()), Integer.toString(b.batchSize()),
                Integer.toString(b.trainImages()), Budget.lr(b.learningRate()), Long.toString(b.seed()));
    }
}
