package goodness.runs;

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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every file of a run folder made hostile, one at a time, in a store with two good runs: cut
 * short, random bytes, a few bytes changed, a field of the wrong JSON type or a huge or negative
 * number, a file over its size cap, a pipe, a folder, a link to {@code /dev/zero}. Each case
 * checks that listing the store and loading the run end within {@link Fuzz#PER_CASE}, that the
 * two good runs are still listed as they were, that the damaged run is listed or named as
 * damaged in one plain line (no internal exception, no library type), that a load either reads
 * it or fails with one such line, and that nothing in the store was written.
 *
 * <p>{@code -Dgoodness.fuzz.runFolderCases=N} sets the number of cases per file (default 1,000).
 */
class RunFolderFuzzTest {
    private static final int CASES = Integer.getInteger("goodness.fuzz.runFolderCases", 1000);
    private static final List<String> INTERNAL = List.of("Exception", "Error:", "java.", "com.google", "JsonNull", "JsonPrimitive",
            "JsonReader", "cannot be cast", "Is a directory", "NullPointer", "OutOfBounds");
    private static final String[] WRONG_VALUES = {"null", "\"x\"", "[]", "{}", "true", "1.5", "12.9", "-1", "-2147483649", "4294967303", "1e20",
            "9223372036854775808", "NaN", "\"NaN\"", "[1,\"a\"]", "[null]", "{\"a\":1}", "\"\\u001b[2J\\n\"", "0", "2147483647"};

    private static Path root, stash;
    private static Map<String, RunSummary> goodRuns;
    private static Map<String, String> template;

    /** One hostile version of one file. */
    record Mutation(String file, String kind, byte[] bytes, String detail) {
        @Override
        public String toString() {
            return file + " " + kind + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    @BeforeAll
    static void store() throws IOException {
        root = Files.createTempDirectory("run-folder-fuzz");
        stash = Files.createTempDirectory("run-folder-fuzz-fifos");
        RunFolders.finished(root.resolve("good-a"), 3);
        RunFolders.finished(root.resolve("good-b"), 4);
        Path victim = RunFolders.finished(root.resolve("victim"), 3);
        Files.writeString(victim.resolve(RunFolder.EVENTS), "{\"epoch\":1,\"batch\":3,\"batches_per_epoch\":500,\"batch_counter\":503,"
                + "\"setting\":\"negatives\",\"old\":\"hard\",\"new\":\"mask\",\"at\":\"2026-12-07T15:30:00Z\"}\n");
        template = new TreeMap<>();
        for (String f : List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.RESULT, RunFolder.METRICS, RunFolder.EVENTS, RunFolder.LOCK))
            template.put(f, Files.readString(victim.resolve(f)));
        goodRuns = new TreeMap<>();
        for (RunSummary s : new RunStore(root).scan().runs()) if (s.name().startsWith("good")) goodRuns.put(s.name(), s);
        assertEquals(2, goodRuns.size());
        RunFolders.fifo(stash.resolve("fifo"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        RunStore.deleteTree(root);
        RunStore.deleteTree(stash);
    }

    @TestFactory
    Stream<DynamicTest> configJson() {
        return cases(RunFolder.CONFIG, 31_001);
    }

    @TestFactory
    Stream<DynamicTest> runJson() {
        return cases(RunFolder.RUN, 31_002);
    }

    @TestFactory
    Stream<DynamicTest> resultJson() {
        return cases(RunFolder.RESULT, 31_003);
    }

    @TestFactory
    Stream<DynamicTest> metricsJsonl() {
        return cases(RunFolder.METRICS, 31_004);
    }

    @TestFactory
    Stream<DynamicTest> eventsJsonl() {
        return cases(RunFolder.EVENTS, 31_005);
    }

    @TestFactory
    Stream<DynamicTest> runLock() {
        return cases(RunFolder.LOCK, 31_006);
    }

    private static Stream<DynamicTest> cases(String file, long seed) {
        return Fuzz.cases(seed, CASES, r -> mutation(file, r), RunFolderFuzzTest::check);
    }

    static Mutation mutation(String file, SplittableRandom r) {
        byte[] valid = template.get(file).getBytes(StandardCharsets.UTF_8);
        switch (r.nextInt(10)) {
            case 0 -> {
                int n = valid.length == 0 ? 0 : r.nextInt(valid.length);
                return new Mutation(file, "cut", java.util.Arrays.copyOf(valid, n), "at " + n);
            }
            case 1 -> {
                byte[] b = new byte[r.nextInt(300)];
                for (int i = 0; i < b.length; i++) b[i] = (byte) r.nextInt(256);
                return new Mutation(file, "random bytes", b, b.length + " bytes");
            }
            case 2 -> {
                byte[] b = valid.clone();
                int k = 1 + r.nextInt(4);
                for (int i = 0; i < k && b.length > 0; i++) b[r.nextInt(b.length)] = (byte) (int) Fuzz.oneOf(r, (int) '{', (int) '}', (int) '[', (int) ']', (int) '"', (int) ',', (int) ':', (int) '\n',
                        (int) '-', (int) '9', (int) 'e', 0, 0xff, 0x1b);
                return new Mutation(file, "bytes changed", b, k + "");
            }
            case 3, 4, 5, 6 -> {
                String text = template.get(file);
                List<int[]> values = valueSpans(text);
                if (values.isEmpty()) return new Mutation(file, "cut", new byte[0], "at 0");
                int[] span = values.get(r.nextInt(values.size()));
                String v = Fuzz.oneOf(r, WRONG_VALUES);
                String out = text.substring(0, span[0]) + v + text.substring(span[1]);
                return new Mutation(file, "field", out.getBytes(StandardCharsets.UTF_8), text.substring(Math.max(0, span[0] - 24), span[0]) + v);
            }
            case 7 -> {
                return new Mutation(file, Fuzz.oneOf(r, "pipe", "folder", "link to /dev/zero", "link to nothing"), null, "");
            }
            case 8 -> {
                return new Mutation(file, "over its cap", null, "");
            }
            default -> {
                // The file written again with its lines repeated, reordered or blank.
                List<String> lines = new java.util.ArrayList<>(template.get(file).lines().toList());
                if (lines.isEmpty()) lines.add("");
                int k = r.nextInt(3);
                if (k == 0) lines.add(lines.get(r.nextInt(lines.size())));
                else if (k == 1) java.util.Collections.shuffle(lines, new java.util.Random(r.nextLong()));
                else lines.add(r.nextInt(lines.size() + 1), "   ");
                return new Mutation(file, "lines", (String.join("\n", lines) + (r.nextBoolean() ? "\n" : "")).getBytes(StandardCharsets.UTF_8), "kind " + k);
            }
        }
    }

    /** The spans of the scalar values and of the lists and objects in a JSON text (found by a scan good enough for the files Goodness writes). */
    static List<int[]> valueSpans(String t) {
        List<int[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) != ':') continue;
            int s = i + 1, e = s;
            if (e < t.length() && t.charAt(e) == '"') {
                e = t.indexOf('"', e + 1) + 1;
            } else if (e < t.length() && (t.charAt(e) == '[' || t.charAt(e) == '{')) {
                int depth = 0;
                for (; e < t.length(); e++) {
                    char c = t.charAt(e);
                    if (c == '[' || c == '{') depth++;
                    if ((c == ']' || c == '}') && --depth == 0) {
                        e++;
                        break;
                    }
                }
            } else {
                while (e < t.length() && ",}]\n".indexOf(t.charAt(e)) < 0) e++;
            }
            if (e > s) out.add(new int[]{s, e});
        }
        return out;
    }

    static void check(Mutation m) throws Throwable {
        Path victim = root.resolve("victim");
        Path target = victim.resolve(m.file());
        restore(target);
        if (m.bytes() == null) Files.delete(target);
        switch (m.kind()) {
            case "pipe" -> Files.move(stash.resolve("fifo"), target);
            case "folder" -> Files.createDirectory(target);
            case "link to /dev/zero" -> Files.createSymbolicLink(target, Path.of("/dev/zero"));
            case "link to nothing" -> Files.createSymbolicLink(target, victim.resolve("nothing-here"));
            case "over its cap" -> {
                try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) { // sparse: no time, no disk
                    f.setLength(m.file().endsWith(".jsonl") ? StoreFiles.MAX_LINES + 1 : StoreFiles.MAX_JSON + 1);
                }
            }
            default -> Files.write(target, m.bytes());
        }
        try {
            Map<Path, String> before = snapshot();
            Fuzz.Outcome<RunStore.Listing> listed = Fuzz.run("listing", () -> new RunStore(root).scan());
            if (listed.failed()) throw new AssertionError("the listing failed: " + listed.error(), listed.error());
            RunStore.Listing l = listed.value();
            for (RunSummary good : goodRuns.values())
                assertEquals(good, l.runs().stream().filter(s -> s.name().equals(good.name())).findFirst().orElse(null), "a good run as it was");
            boolean listedVictim = l.runs().stream().anyMatch(s -> s.name().equals("victim"));
            List<RunStore.Damaged> damaged = l.damaged();
            assertEquals(listedVictim ? 0 : 1, damaged.size(), () -> "the victim listed or named as damaged, once: " + damaged);
            for (RunStore.Damaged d : damaged) {
                assertEquals("victim", d.name());
                plain(d.reason());
                plain(d.line());
            }
            Fuzz.Outcome<StoredRun> loaded = Fuzz.run("load", () -> new RunStore(root).load("victim"));
            if (loaded.failed()) {
                if (!(loaded.error() instanceof RunFileException)) throw new AssertionError("a load failed with " + loaded.error(), loaded.error());
                assertTrue(loaded.error().getMessage().startsWith(victim + java.io.File.separator), loaded.error().getMessage());
                plain(loaded.error().getMessage());
            } else if (!listedVictim && !m.file().equals(RunFolder.EVENTS)) {
                // What a listing refuses, a load refuses too (it reads more, never less).
                throw new AssertionError("listed as damaged (" + damaged + ") but loads");
            }
            assertEquals(before, snapshot(), "reading wrote nothing");
        } finally {
            restore(target);
        }
    }

    private static void plain(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "more than one line: " + message);
        for (char c : message.toCharArray()) assertFalse(c < 0x20 || c == 0x7f, () -> "a raw control character: " + message);
        for (String w : INTERNAL) assertFalse(message.contains(w), () -> "'" + w + "' in: " + message);
    }

    /** Puts the template file back (a pipe back in the stash). */
    private static void restore(Path target) throws IOException {
        BasicFileAttributes a = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS) : null;
        if (a != null && a.isOther()) Files.move(target, stash.resolve("fifo"));
        else if (a != null && a.isDirectory()) RunStore.deleteTree(target);
        else if (a != null) Files.delete(target);
        Files.writeString(target, template.get(target.getFileName().toString()));
    }

    /** Every file of the store with its size and time (and the stash), to tell that nothing was written. */
    private static Map<Path, String> snapshot() {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    m.put(p, a.size() + " " + a.lastModifiedTime().toMillis() + (a.isDirectory() ? " dir" : ""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
