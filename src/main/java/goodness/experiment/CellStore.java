package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>The file is read once and kept, with what this process appends; later reads only read
 * what other processes appended since (the file's size tells), so a long experiment does not
 * read it again for every cell. It is read as a user file: a folder, a pipe or a device in its
 * place, or text that is not UTF-8, is one line naming the file ({@link UncheckedIOException});
 * an empty file (as a full disk leaves it) has no rows and gets its header before the first
 * append; a last line cut without its newline is ignored with a warning, and the next row
 * appended starts on a line of its own. A row with impossible values (errors beyond the test
 * cases, negative counts, an accuracy outside 0..1 or not the one of its counts, NaN) is
 * ignored with a warning naming the file and the line: its cell is trained again rather than
 * reported with a forged figure.
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

    // What has been read of the file: the rows up to byte `readUpTo` (the end of its last complete line).
    private final Map<String, CellResult> rows = new LinkedHashMap<>();
    private final List<CellResult> inOrder = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String header;
    private long readUpTo = -1;
    private int linesRead;
    private long warnedCutAt = -1;

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

    /** Writes the header of an empty table unless the file exists (an empty file gets it with the first row). */
    public void createIfMissing() throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
        else checkFile();
    }

    /** Whether {@code line} is the header of a cells.csv (either width). */
    public static boolean isHeader(String line) {
        return HEADER.equals(line) || HEADER_WALL_ONLY.equals(line);
    }

    /** The file's first line, or null for an empty file. */
    public String header() throws IOException {
        refresh();
        return header;
    }

    /** Finished cells by {@link #key}, in file order; where a key repeats, the later line counts. */
    public Map<String, CellResult> read() throws IOException {
        refresh();
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /** Every line that parses as a finished cell, in file order. */
    public List<CellResult> results() throws IOException {
        refresh();
        return List.copyOf(inOrder);
    }

    /** The warnings of the reads so far (a cut last line, a row with impossible values), each once; cleared by this call. */
    public List<String> takeWarnings() {
        List<String> w = List.copyOf(warnings);
        warnings.clear();
        return w;
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
                if (r != null && impossible(r, f) == null) results.add(r);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return results;
    }

    /** Reads what was appended since the last read (everything, the first time, or if the file shrank). */
    private void refresh() throws IOException {
        long size = checkFile();
        if (size < 0) { // no file (yet)
            clear();
            return;
        }
        if (size == readUpTo) return;
        if (size < readUpTo) clear();
        long from = Math.max(readUpTo, 0);
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long n = size - from;
            if (n > Integer.MAX_VALUE - 8) throw problem("is larger than " + (Integer.MAX_VALUE >> 20) + " MB, too large for an experiment's table");
            ByteBuffer buf = ByteBuffer.allocate((int) n);
            ch.position(from);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // reads until the size seen above
            }
            bytes = Arrays.copyOf(buf.array(), buf.position());
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        if (end < bytes.length && from + end != warnedCutAt) {
            warnedCutAt = from + end;
            String cut = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
            warnings.add(file + " line " + (linesRead + countLines(bytes, end) + 1) + ": the last line is cut short (no newline at its end), so it is ignored: "
                    + shorten(cut));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw problem("is not UTF-8 text (is it an experiment's cells.csv?)");
        }
        String[] lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
        for (String raw : lines) {
            linesRead++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (header == null) { // the file's first line
                if (isHeader(line.strip())) {
                    header = line.strip();
                    continue;
                }
                header = "";
                if (!line.isBlank()) warnings.add(file + " line 1: is not the header (" + HEADER + ")");
            }
            if (!line.isBlank()) addLine(line);
        }
        readUpTo = from + end;
    }

    private void addLine(String line) throws IOException {
        List<CSVRecord> records;
        try (CSVParser p = FORMAT.parse(new java.io.StringReader(line))) {
            records = p.getRecords();
        } catch (UncheckedIOException e) {
            return;
        }
        if (records.size() != 1) return;
        CSVRecord f = records.get(0);
        CellResult r = result(f);
        if (r == null) return; // a line a crash cut, or of another width: skipped, as always
        String why = impossible(r, f);
        if (why != null) {
            warnings.add(file + " line " + linesRead + ": " + why + ", so the row is ignored (its cell counts as not done)");
            return;
        }
        rows.put(key(r.cell(), r.budget()), r);
        inOrder.add(r);
    }

    private void clear() {
        rows.clear();
        inOrder.clear();
        header = null;
        readUpTo = -1;
        linesRead = 0;
    }

    private static int countLines(byte[] b, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (b[i] == '\n') n++;
        return n;
    }

    private static String shorten(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) b.append(c < 0x20 || c == 0x7f ? '?' : c);
        return b.toString();
    }

    /**
     * The file's size, or -1 if it does not exist; a folder, pipe or device in its place is
     * refused before anything reads from it.
     */
    private long checkFile() {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw problem("cannot be read (" + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : "input/output error") + ")");
        }
        if (a.isDirectory()) throw problem("is a folder, not a file; an experiment folder's cells.csv must be a file");
        if (!a.isRegularFile()) throw problem("is a pipe, device or socket, not a file; an experiment folder's cells.csv must be a file");
        return a.size();
    }

    private UncheckedIOException problem(String what) {
        return new UncheckedIOException(file + ": " + what, new IOException(what));
    }

    /** Why a row that parses cannot be a real result, or null if it can. */
    private static String impossible(CellResult r, CSVRecord f) {
        if (r.testCases() <= 0) return "test_cases is " + r.testCases() + ", not a positive count";
        if (r.testErrors() < 0) return "test_errors is " + r.testErrors() + ", a negative count";
        if (r.testErrors() > r.testCases()) return "test_errors is " + r.testErrors() + ", more than its " + r.testCases() + " test_cases";
        double accuracy = Double.parseDouble(f.get(12));
        if (!(accuracy >= 0 && accuracy <= 1)) return "accuracy is " + f.get(12) + ", outside 0..1";
        if (Math.abs(accuracy - r.accuracy()) > 1e-4 + 1e-9) return "accuracy is " + f.get(12) + ", not the " + String.format(Locale.ROOT, "%.4f", r.accuracy())
                + " of its test_errors and test_cases";
        if (!(r.seconds() >= 0) || Double.isInfinite(r.seconds())) return "seconds is " + f.get(13) + ", not a time";
        if (!Double.isNaN(r.cpuSeconds()) && (r.cpuSeconds() < 0 || Double.isInfinite(r.cpuSeconds())))
            return "cpu_seconds is " + f.get(14) + ", not a time";
        if (f.size() == COLUMNS && !f.get(14).isEmpty() && Double.isNaN(r.cpuSeconds())) return "cpu_seconds is NaN, not a time";
        Budget b = r.budget();
        if (b.epochs() < 0 || b.steps() < 0 || b.batchSize() < 0 || b.trainImages() < 0 || !(b.learningRate() > 0) || Double.isInfinite(b.learningRate()))
            return "its budget (epochs, steps, batch_size, train_images, lr) has an impossible value";
        return null;
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
            Double.parseDouble(f.get(12)); // the accuracy column must be a number too
            return new CellResult(c, b, Integer.parseInt(f.get(10)), Integer.parseInt(f.get(11)), Double.parseDouble(f.get(13)), cpu);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Appends a finished cell in the columns of the file's own header ({@link #HEADER_WALL_ONLY}:
     * no CPU time); an empty file gets the header first, and a cut last line its newline, so the
     * row starts on a line of its own.
     */
    public void append(CellResult r) throws IOException {
        refresh();
        String line = key(r.cell(), r.budget()) + String.format(Locale.ROOT, ",%d,%d,%.4f,%.1f",
                r.testErrors(), r.testCases(), r.accuracy(), r.seconds());
        if (!HEADER_WALL_ONLY.equals(header))
            line += Double.isFinite(r.cpuSeconds()) ? String.format(Locale.ROOT, ",%.1f", r.cpuSeconds()) : ",";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            String prefix = "";
            if (size == 0) prefix = HEADER + "\n";
            else {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') prefix = "\n";
            }
            // Appended with O_APPEND semantics by position: another process may have appended since the size was read.
            try (FileChannel app = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) app.write(buf);
            }
        }
        refresh(); // takes in this row (and any another process appended meanwhile)
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
