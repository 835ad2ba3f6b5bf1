package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import goodness.fuzz.Fuzz;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code cells.csv} damaged 1,000 seeded ways (cut, random bytes, changed bytes, a field of a
 * wrong or impossible value, columns added or dropped, lines repeated, shuffled or blank, a pipe,
 * a folder, a link to {@code /dev/zero} or to nothing, a large file of zeros). Each case: reading
 * ends within {@link Fuzz#PER_CASE}; it fails in one line naming the file, or every cell it gives
 * is possible (errors within the cases, times finite) and every warning is one line naming the
 * file and its line; reading writes nothing; and where the file could be read, a cell appended
 * next is read back exactly by a fresh reader, beside every cell read before (nothing glued to a
 * damaged line, nothing taken for the header, nothing lost).
 */
class CellStoreFuzzTest {
    private static final int CASES = Integer.getInteger("goodness.fuzz.cellCases", 1000);
    private static final Budget B = new Budget(1, 1, 512, 512, 0.01, 7);
    private static final String[] WRONG_VALUES = {"", "-1", "1e20", "NaN", "Infinity", "-Infinity", "100.1", "1.0010", "x", "4294967303",
            "0.5.5", "\"q\"", " 7", "7 ", "-0", "2147483648", "0x10", "1,2", "\u001b[2J", "\u00e9"};
    private static Path root;
    private static String template;

    record Mutation(String kind, byte[] bytes, String detail) {
        @Override
        public String toString() {
            return kind + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    private static CellResult cell(int phase, int errors) {
        return new CellResult(new Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, phase), B, errors, 500, 1.5, 0.75);
    }

    @BeforeAll
    static void write() throws IOException {
        root = Files.createTempDirectory("cells-fuzz");
        Path dir = Files.createDirectory(root.resolve("template"));
        CellStore store = CellStore.in(dir);
        for (int k = 1; k <= 6; k++) store.append(cell(1 << k, 10 * k));
        template = Files.readString(store.file());
        assertEquals(7, template.lines().count(), "a header and six rows");
    }

    @AfterAll
    static void cleanUp() {
        deleteTree(root);
    }

    @TestFactory
    Stream<DynamicTest> cellsCsv() {
        int[] next = {0};
        return Fuzz.cases(31_007, CASES, CellStoreFuzzTest::mutation, m -> check(m, root.resolve("case-" + next[0]++)));
    }

    static Mutation mutation(SplittableRandom r) {
        byte[] valid = template.getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(template.lines().toList());
        switch (r.nextInt(10)) {
            case 0 -> {
                int n = r.nextInt(valid.length);
                return new Mutation("cut", Arrays.copyOf(valid, n), "at " + n);
            }
            case 1 -> {
                byte[] b = new byte[r.nextInt(400)];
                for (int i = 0; i < b.length; i++) b[i] = (byte) r.nextInt(256);
                return new Mutation("random bytes", b, b.length + " bytes");
            }
            case 2 -> {
                byte[] b = valid.clone();
                int k = 1 + r.nextInt(4);
                for (int i = 0; i < k; i++)
                    b[r.nextInt(b.length)] = (byte) (int) Fuzz.oneOf(r, (int) ',', (int) '\n', (int) '\r', (int) '-', (int) '9', (int) '.', (int) 'N',
                            (int) '"', (int) 'e', 0, 0xff, 0x1b);
                return new Mutation("bytes changed", b, k + "");
            }
            case 3, 4, 5 -> {
                int li = 1 + r.nextInt(lines.size() - 1);
                String[] f = lines.get(li).split(",", -1);
                int c = r.nextInt(f.length);
                String v = Fuzz.oneOf(r, WRONG_VALUES);
                f[c] = v;
                lines.set(li, String.join(",", f));
                return new Mutation("field", bytes(lines, true), "line " + (li + 1) + " column " + (c + 1) + " = " + v.replace("\u001b", "ESC"));
            }
            case 6 -> {
                int li = 1 + r.nextInt(lines.size() - 1);
                boolean add = r.nextBoolean();
                lines.set(li, add ? lines.get(li) + ",9" : lines.get(li).substring(0, lines.get(li).lastIndexOf(',')));
                return new Mutation(add ? "a column added" : "a column dropped", bytes(lines, true), "line " + (li + 1));
            }
            case 7 -> {
                int k = r.nextInt(4);
                if (k == 0) lines.add(lines.get(r.nextInt(lines.size())));
                else if (k == 1) Collections.shuffle(lines, new Random(r.nextLong()));
                else if (k == 2) lines.add(r.nextInt(lines.size() + 1), "   ");
                else lines.remove(0);
                return new Mutation("lines", bytes(lines, r.nextBoolean()), "kind " + k);
            }
            case 8 -> {
                return new Mutation(Fuzz.oneOf(r, "pipe", "folder", "link to /dev/zero", "link to nothing"), null, "");
            }
            default -> {
                return new Mutation(r.nextBoolean() ? "empty" : "1 MB of zeros", null, "");
            }
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(List<String> lines, boolean lastNewline) {
        return (String.join("\n", lines) + (lastNewline ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
    }

    static void check(Mutation m, Path dir) throws Throwable {
        Files.createDirectory(dir);
        try {
            Path file = dir.resolve(CellStore.FILE);
            boolean regular = true;
            switch (m.kind()) {
                case "pipe" -> {
                    Process p = new ProcessBuilder("mkfifo", file.toString()).start();
                    assertTrue(p.waitFor() == 0, "mkfifo");
                    regular = false;
                }
                case "folder" -> {
                    Files.createDirectory(file);
                    regular = false;
                }
                case "link to /dev/zero" -> {
                    Files.createSymbolicLink(file, Path.of("/dev/zero"));
                    regular = false;
                }
                case "link to nothing" -> {
                    Files.createSymbolicLink(file, dir.resolve("nothing-here"));
                    regular = false;
                }
                case "empty" -> Files.write(file, new byte[0]);
                case "1 MB of zeros" -> {
                    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                        f.setLength(1 << 20);
                    }
                }
                default -> Files.write(file, m.bytes());
            }
            byte[] before = regular ? Files.readAllBytes(file) : null;
            CellStore store = CellStore.in(dir);
            Fuzz.Outcome<Map<String, CellResult>> read = Fuzz.run("read", store::read);
            if (read.failed()) {
                Throwable e = read.error();
                Fuzz.assertUserFacing(e, e instanceof UncheckedIOException ? UncheckedIOException.class : IOException.class, file);
                return;
            }
            for (CellResult c : read.value().values()) {
                assertTrue(c.testCases() > 0 && c.testErrors() >= 0 && c.testErrors() <= c.testCases(), () -> "an impossible cell: " + c);
                assertTrue(Double.isFinite(c.seconds()) && c.seconds() >= 0, () -> "an impossible time: " + c);
            }
            for (String w : store.takeWarnings()) {
                assertTrue(w.startsWith(file + " line "), w);
                assertFalse(w.contains("\n") || w.contains("Exception") || w.contains("java."), w);
                for (char ch : w.toCharArray()) assertFalse(ch < 0x20 || ch == 0x7f, () -> "a raw control character: " + w);
            }
            if (!regular) return;
            assertArrayEquals(before, Files.readAllBytes(file), "reading wrote nothing");

            CellResult added = cell(1 << 10, 123);
            Fuzz.Outcome<Object> appended = Fuzz.run("append", () -> {
                store.append(added);
                return null;
            });
            if (appended.failed()) {
                // A file whose first line is no header of cells.csv may be refused, in one line.
                Fuzz.assertUserFacing(appended.error(), appended.error() instanceof UncheckedIOException ? UncheckedIOException.class : IOException.class, file);
                return;
            }
            Map<String, CellResult> fresh = CellStore.in(dir).read();
            CellResult back = fresh.get(CellStore.key(added.cell(), added.budget()));
            assertNotNull(back, () -> "the appended cell is read back: " + fresh.keySet());
            assertEquals(added.testErrors(), back.testErrors());
            assertEquals(added.testCases(), back.testCases());
            assertTrue(fresh.keySet().containsAll(read.value().keySet()), "every cell read before is still read");
        } finally {
            deleteTree(dir);
        }
    }
}
