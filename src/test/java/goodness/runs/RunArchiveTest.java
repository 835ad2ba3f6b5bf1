package goodness.runs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run as one zip file: export writes exactly the run's files, import gives back the same
 * folder, and a hostile archive is refused with one line naming it, the store left as it was.
 * The hostile archives are built here, with java.util.zip and by patching its bytes.
 */
class RunArchiveTest {
    @TempDir
    Path tmp;
    Path store;
    Path run;

    @BeforeEach
    void aFinishedRun() throws IOException {
        store = tmp.resolve("store");
        run = RunFolders.finished(store.resolve("r"), 3);
        Files.writeString(run.resolve(RunFolder.EVENTS), "");
    }

    // ------------------------------------------------------------------------------------ export, import

    @Test
    void exportThenImportGivesAByteIdenticalRunFolder() throws IOException {
        Path zip = tmp.resolve("r.zip");
        RunArchive.Exported e = RunArchive.export(new RunStore(store), "r", zip);
        assertEquals(List.of("config.json", "run.json", "metrics.jsonl", "events.jsonl", "result.json"), e.files());
        assertEquals(Files.size(zip), e.bytes());

        Path other = tmp.resolve("other");
        RunArchive.Imported i = RunArchive.importRun(new RunStore(other), zip);
        assertEquals("r", i.run().name());
        assertFalse(i.renamed());
        Map<String, byte[]> before = files(run), after = files(other.resolve("r"));
        before.remove(RunFolder.LOCK);
        byte[] provenance = after.remove(RunFolder.IMPORTED);
        assertEquals(before.keySet(), after.keySet());
        for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f);
        for (String f : before.keySet())
            assertEquals(Files.getLastModifiedTime(run.resolve(f)).toMillis() / 1000, Files.getLastModifiedTime(other.resolve("r").resolve(f)).toMillis() / 1000,
                    f + " keeps its time");

        RunImport recorded = RunJson.imported(new String(provenance, StandardCharsets.UTF_8), Path.of(RunFolder.IMPORTED));
        assertEquals("r.zip", recorded.archive());
        assertEquals("r", recorded.originalName());
        RunSummary listed = new RunStore(other).list().get(0);
        assertEquals(recorded, listed.imported(), "the listing shows where it came from");
        assertEquals(new RunStore(store).list().get(0).epochsDone(), listed.epochsDone());
        assertNull(new RunStore(store).list().get(0).imported(), "a run trained here is not imported");
    }

    @Test
    void exportLeavesOutTheLockTemporaryAndOtherFiles() throws IOException {
        Files.writeString(run.resolve("config.json.123.tmp"), "half");
        Files.writeString(run.resolve("notes.txt"), "mine");
        Path zip = tmp.resolve("r.zip");
        RunArchive.export(new RunStore(store), "r", zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(List.of("r/", "r/config.json", "r/run.json", "r/metrics.jsonl", "r/events.jsonl", "r/result.json"),
                    z.stream().map(ZipEntry::getName).toList());
        }
    }

    @Test
    void importOfANameTheStoreHasTakesTheNextFreeName() {
        Path zip = tmp.resolve("r.zip");
        RunArchive.export(new RunStore(store), "r", zip);
        RunArchive.Imported second = RunArchive.importRun(new RunStore(store), zip);
        RunArchive.Imported third = RunArchive.importRun(new RunStore(store), zip);
        assertEquals("r-2", second.run().name());
        assertEquals("r-3", third.run().name());
        assertTrue(second.renamed());
        assertEquals("r", second.originalName());
        assertEquals(List.of("r", "r-2", "r-3"), new RunStore(store).list().stream().map(RunSummary::name).sorted().toList());
        assertEquals("imported from r.zip (run r)", second.run().imported().text(second.run().name()));
    }

    @Test
    void aLongNameThatIsTakenIsShortenedToFitTheSuffix() throws IOException {
        String longName = "n".repeat(RunStore.MAX_NAME);
        RunFolders.finished(store.resolve(longName), 3);
        Path zip = tmp.resolve("long.zip");
        RunArchive.export(new RunStore(store), longName, zip);
        RunArchive.Imported i = RunArchive.importRun(new RunStore(store), zip);
        assertEquals("n".repeat(RunStore.MAX_NAME - 2) + "-2", i.run().name());
    }

    @Test
    void anImportInProgressIsNotListed() throws IOException {
        RunFolders.finished(store.resolve(".import-123"), 3);
        assertEquals(List.of("r"), new RunStore(store).list().stream().map(RunSummary::name).toList());
    }

    @Test
    void exportRefusesARunATrainingProcessHolds() throws IOException {
        Path zip = tmp.resolve("r.zip");
        RunFolderLock.Claim claim = RunFolderLock.claim(run);
        try {
            RunFileException e = assertThrows(RunFileException.class, () -> RunArchive.export(new RunStore(store), "r", zip));
            assertEquals(run + ": is being trained (a process holds its run.lock); export it once it has stopped or finished", e.getMessage());
        } finally {
            claim.release();
        }
        assertFalse(Files.exists(zip));
        assertEquals(List.of(), leftovers(tmp), "no temporary file is left");
    }

    @Test
    void exportRefusesToWriteOverTheRunsOwnFilesAFolderOrAPipe() throws IOException {
        RunStore s = new RunStore(store);
        Path checkpoint = Files.writeString(run.resolve(RunFolder.CHECKPOINT), "not really");
        String before = Files.readString(run.resolve(RunFolder.CONFIG));
        assertTrue(assertThrows(goodness.data.DataFileException.class, () -> RunArchive.export(s, "r", run.resolve(RunFolder.CONFIG)))
                .getMessage().endsWith("which this command reads; choose another file for the output"));
        assertEquals(before, Files.readString(run.resolve(RunFolder.CONFIG)));
        Files.delete(checkpoint);
        assertEquals(run.resolve("r.zip") + ": is in the run's own folder; choose a file outside it",
                assertThrows(goodness.data.DataFileException.class, () -> RunArchive.export(s, "r", run.resolve("r.zip"))).getMessage());
        assertEquals(tmp + ": is a folder, not a file",
                assertThrows(goodness.data.DataFileException.class, () -> RunArchive.export(s, "r", tmp)).getMessage());
        Path fifo = tmp.resolve("pipe");
        RunFolders.fifo(fifo);
        assertTrue(assertThrows(goodness.data.DataFileException.class, () -> RunArchive.export(s, "r", fifo)).getMessage()
                .startsWith(fifo + ": is not a regular file"));
        assertEquals(List.of(), leftovers(tmp));
    }

    @Test
    void exportReplacesAnExistingArchiveWhole() throws IOException {
        Path zip = Files.writeString(tmp.resolve("r.zip"), "an older file");
        RunArchive.export(new RunStore(store), "r", zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertNotNull(z.getEntry("r/config.json"));
        }
        assertEquals(List.of(), leftovers(tmp));
    }

    // ------------------------------------------------------------------------------------ hostile archives

    @ParameterizedTest
    @ValueSource(strings = {"../evil.json", "r/../../evil.json", "/etc/evil.json", "C:/evil.json", "r\\..\\evil.json", "r//config.json", "./r/config.json"})
    void anEntryOutsideTheRunFolderIsRefused(String entry) throws IOException {
        Map<String, byte[]> files = runEntries();
        files.put(entry, bytes("{}"));
        assertRefused(zip(files), "has the entry '" + entry + "', which points outside the run folder");
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        Map<String, byte[]> files = runEntries();
        files.put("r/metrics.csv", bytes("/etc/passwd"));
        Path zip = zip(files);
        patchCentral(zip, "r/metrics.csv", (b, at) -> {
            b.putShort(at + 4, (short) (3 << 8 | 20));   // made by Unix
            b.putInt(at + 38, 0120777 << 16);            // S_IFLNK | rwxrwxrwx
        });
        assertRefused(zip, "has the entry 'r/metrics.csv', a symbolic link; a run archive holds plain files only");
    }

    @Test
    void aDuplicateEntryIsRefused() throws IOException {
        Map<String, byte[]> files = runEntries();
        files.put("r/config.jsoX", bytes("{}"));
        Path zip = zip(files);
        byte[] b = Files.readAllBytes(zip);
        replaceAll(b, bytes("r/config.jsoX"), bytes("r/config.json"));
        Files.write(zip, b);
        assertRefused(zip, "has the entry 'r/config.json' twice");
    }

    @Test
    void tooManyEntriesAreRefusedBeforeAnyIsRead() throws IOException {
        Map<String, byte[]> files = runEntries();
        for (int i = files.size(); i <= RunArchive.MAX_ENTRIES; i++) files.put("r/extra" + i, bytes("x"));
        assertEquals(RunArchive.MAX_ENTRIES + 1, files.size());
        assertRefused(zip(files), "has 17 entries, more than the 16 a run archive may have");
    }

    @Test
    void aZipBombThatDeclaresATinySizeStopsAtTheCap() throws IOException {
        Map<String, byte[]> files = runEntries();
        files.put("r/config.json", new byte[3 << 20]);   // 3 MB of zeros: a few kB compressed
        Path zip = zip(files);
        assertTrue(Files.size(zip) < 100_000, "compressed to " + Files.size(zip));
        patchCentral(zip, "r/config.json", (b, at) -> b.putInt(at + 24, 100));   // declares 100 bytes
        assertRefused(zip, "has the entry 'r/config.json', which unpacks to more than the 1 MB a run's config.json may have");
    }

    @Test
    void anEntryThatDeclaresMoreThanItsCapIsRefusedUpFront() throws IOException {
        Map<String, byte[]> files = runEntries();
        files.put("r/result.json", new byte[(1 << 20) + 1]);
        assertRefused(zip(files), "has the entry 'r/result.json', which unpacks to more than the 1 MB a run's result.json may have");
    }

    @Test
    void anArchiveLargerInAllThanTheCapIsRefusedWhileUnpacking() throws IOException {
        Path zip = zip(runEntries());
        long declared = runEntries().values().stream().mapToLong(b -> b.length).sum();
        patchCentral(zip, "r/result.json", (b, at) -> b.putInt(at + 24, 10));   // the last entry understates the total
        RunArchive.Limits small = new RunArchive.Limits(16, 1 << 20, 64 << 20, 1 << 30, declared - 100);
        assertRefused(zip, small, "unpacks to more than the " + (declared - 100) + " bytes a run archive may hold in all");
    }

    @Test
    void aTruncatedFileOrOneThatIsNoZipOrAZip64IsRefused() throws IOException {
        Path zip = zip(runEntries());
        byte[] whole = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(whole, whole.length / 2));
        assertRefused(zip, "is not a zip archive, or is cut short");
        Files.write(zip, Arrays.copyOf(whole, whole.length - 5));
        assertRefused(zip, "is not a zip archive, or is cut short");
        Files.writeString(zip, "{\"not\": \"a zip\"}");
        assertRefused(zip, "is not a zip archive, or is cut short");
        Files.write(zip, new byte[0]);
        assertRefused(zip, "is not a zip archive, or is cut short");
        ByteBuffer zip64 = ByteBuffer.wrap(whole.clone()).order(ByteOrder.LITTLE_ENDIAN);
        zip64.putShort(whole.length - 22 + 10, (short) 0xFFFF);   // the end record's entry count says "see the ZIP64 record"
        Files.write(zip, zip64.array());
        assertRefused(zip, "is a ZIP64 archive; a run archive is a plain zip file");
    }

    @Test
    void anEntryWhoseDataDoesNotMatchItsChecksumIsRefused() throws IOException {
        Path zip = zip(runEntries());
        patchCentral(zip, "r/run.json", (b, at) -> b.putInt(at + 16, b.getInt(at + 16) ^ 1));
        assertRefused(zip, "has the entry 'r/run.json', which is damaged (its size or checksum does not match its header)");
    }

    @Test
    void anArchiveThatIsNotOneRunFolderIsRefused() throws IOException {
        Map<String, byte[]> atRoot = new LinkedHashMap<>();
        runEntries().forEach((k, v) -> atRoot.put(k.substring(2), v));
        assertRefused(zip(atRoot), "is not a run archive: 'config.json' is not in a run folder (export a run with: goodness runs export NAME --to FILE.zip)");

        Map<String, byte[]> mixed = runEntries();
        mixed.put("s/run.json", bytes("{}"));
        assertRefused(zip(mixed), "is not a run archive: it holds more than one folder ('r', 's')");

        Map<String, byte[]> noConfig = runEntries();
        noConfig.remove("r/config.json");
        assertRefused(zip(noConfig), "is not a run archive: its folder 'r' holds no config.json");

        Map<String, byte[]> other = runEntries();
        other.put("r/notes.txt", bytes("mine"));
        assertRefused(zip(other), "has the entry 'r/notes.txt', which is not a run file (" + String.join(", ", RunArchive.FILES) + ")");

        Map<String, byte[]> nested = runEntries();
        nested.put("r/sub/config.json", bytes("{}"));
        assertRefused(zip(nested), "is not a run archive: 'r/sub/config.json' is in a subfolder; a run folder holds files only");

        assertRefused(zip(new LinkedHashMap<>()), "is empty; a run archive holds one run folder");

        Map<String, byte[]> hidden = new LinkedHashMap<>();
        runEntries().forEach((k, v) -> hidden.put(".import-x/" + k.substring(2), v));
        assertRefused(zip(hidden), "is not a run archive: its folder '.import-x' is not a valid run name");
    }

    @Test
    void aRunWhoseFilesFailTheStoresChecksIsRefused() throws IOException {
        Map<String, byte[]> files = runEntries();
        files.put("r/run.json", bytes("{\"format\":1,\"status\":\"finished\"}"));
        assertRefused(zip(files), "its run fails the store's checks: r/run.json: has no \"provenance\"");

        Map<String, byte[]> badCheckpoint = runEntries();
        badCheckpoint.put("r/checkpoint.bin", bytes("GOODNESS but not a checkpoint"));
        Path zip = zip(badCheckpoint);
        RunFileException e = assertThrows(RunFileException.class, () -> RunArchive.importRun(new RunStore(store), zip));
        assertTrue(e.getMessage().startsWith(zip + ": not imported: its run fails the store's checks: r/checkpoint.bin: "), e.getMessage());
        assertUnchanged();
    }

    @Test
    void aFileThatIsNoRegularFileIsRefused() {
        assertRefused(tmp.resolve("missing.zip"), "no such file");
        assertRefused(tmp, "is a folder, not an archive");
    }

    // ------------------------------------------------------------------------------------ building archives

    private Map<String, byte[]> storeBefore;

    private void assertRefused(Path zip, String reason) {
        assertRefused(zip, RunArchive.Limits.DEFAULT, reason);
    }

    private void assertRefused(Path zip, RunArchive.Limits limits, String reason) {
        storeBefore = storeBefore == null ? snapshot() : storeBefore;
        RunFileException e = assertThrows(RunFileException.class, () -> RunArchive.importRun(new RunStore(store), zip, limits));
        assertEquals(zip + ": not imported: " + reason, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertUnchanged();
    }

    private void assertUnchanged() {
        storeBefore = storeBefore == null ? snapshot() : storeBefore;
        Map<String, byte[]> now = snapshot();
        assertEquals(storeBefore.keySet(), now.keySet(), "nothing added to the store, no temporary folder left");
        for (String f : now.keySet()) assertArrayEquals(storeBefore.get(f), now.get(f), f);
    }

    /** Every path under the store, with the bytes of its files. */
    private Map<String, byte[]> snapshot() {
        try (Stream<Path> all = Files.walk(store)) {
            Map<String, byte[]> out = new TreeMap<>();
            for (Path p : all.toList()) out.put(store.relativize(p).toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's files as archive entries. */
    private Map<String, byte[]> runEntries() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            for (String f : List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.METRICS, RunFolder.RESULT))
                out.put("r/" + f, Files.readAllBytes(run.resolve(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) out.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return out;
    }

    /** Temporary files of an export left in {@code dir}. */
    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
        }
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return Files.write(Files.createTempFile(tmp, "archive", ".zip"), bytes.toByteArray());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Patch {
        void apply(ByteBuffer b, int headerAt);
    }

    /** Changes the central directory header of {@code entry} in place. */
    private static void patchCentral(Path zip, String entry, Patch patch) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = bytes(entry);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i + 46 + name.length <= b.capacity(); i++) {
            if (b.getInt(i) != 0x02014b50 || (b.getShort(i + 28) & 0xFFFF) != name.length) continue;
            if (Arrays.equals(Arrays.copyOfRange(b.array(), i + 46, i + 46 + name.length), name)) found.add(i);
        }
        assertEquals(1, found.size(), "one central header for " + entry);
        patch.apply(b, found.get(0));
        Files.write(zip, b.array());
    }

    private static void replaceAll(byte[] b, byte[] from, byte[] to) {
        int n = 0;
        for (int i = 0; i + from.length <= b.length; i++)
            if (Arrays.equals(Arrays.copyOfRange(b, i, i + from.length), from)) {
                System.arraycopy(to, 0, b, i, to.length);
                n++;
            }
        assertEquals(2, n, "the name in the local and the central header");
    }
}
