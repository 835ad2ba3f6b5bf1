package goodness.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run folder made hostile (pipes and devices in place of its files, a folder the user cannot
 * read, wrong JSON types, numbers that would wrap): the listing never hangs, names the run as
 * damaged with a reason in the user's words, and lists the other runs as usual.
 */
class RunStoreHostileFilesTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final List<String> INTERNAL = List.of("Exception", "JsonNull", "JsonPrimitive", "com.google", "java.", "Is a directory",
            "cannot be cast", "JsonReader");

    @TempDir
    Path root;

    private RunStore.Listing scan() {
        return assertTimeoutPreemptively(LIMIT, () -> new RunStore(root).scan());
    }

    private Map<String, RunStore.Damaged> damaged(RunStore.Listing l) {
        return l.damaged().stream().collect(Collectors.toMap(RunStore.Damaged::name, Function.identity()));
    }

    private static void assertPlain(String message) {
        assertFalse(message.contains("\n"), message);
        for (String w : INTERNAL) assertFalse(message.contains(w), () -> "'" + w + "' in: " + message);
    }

    private void replace(Path file, String how) throws IOException {
        Files.deleteIfExists(file);
        switch (how) {
            case "fifo" -> RunFolders.fifo(file);
            case "folder" -> Files.createDirectory(file);
            default -> Files.createSymbolicLink(file, Path.of(how));
        }
    }

    @Test
    void aRunFolderNamedWithControlCharactersElsewhereCanStillBeLoadedRenamedAndDeleted() throws IOException {
        String odd = "made\nelsewhere\u001b[31m:";
        RunFolders.finished(root.resolve(odd), 3);
        RunFolders.finished(root.resolve("damaged\tone"), 3);
        Files.writeString(root.resolve("damaged\tone").resolve(RunFolder.CONFIG), "{\"epochs\": ");
        RunStore store = new RunStore(root);
        assertEquals(List.of(odd), store.list().stream().map(RunSummary::name).toList());
        assertEquals(3, store.load(odd).metrics().size());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.rename(odd, "new\nname"),
                "a new name is held to the strict rule");
        assertFalse(refused.getMessage().isEmpty());
        assertEquals("plain", store.rename(odd, "plain").name());
        store.delete("damaged\tone");
        assertFalse(Files.exists(root.resolve("damaged\tone")), "a damaged run with such a name can be deleted");
        assertThrows(IllegalArgumentException.class, () -> store.delete("../plain"), "never a folder outside the store");
        assertThrows(IllegalArgumentException.class, () -> store.delete(".."));
        assertTrue(Files.exists(root.resolve("plain")));
    }

    @Test
    void aRunFileLinkedToADeviceIsADamagedRunAndTheOthersAreListed() throws IOException {
        RunFolders.finished(root.resolve("good"), 3);
        List<String> files = List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.RESULT, RunFolder.METRICS, RunFolder.LOCK);
        for (String f : files) {
            RunFolders.finished(root.resolve("zero-" + f), 3);
            replace(root.resolve("zero-" + f).resolve(f), "/dev/zero");
            RunFolders.finished(root.resolve("urandom-" + f), 3);
            replace(root.resolve("urandom-" + f).resolve(f), "/dev/urandom");
        }
        RunStore.Listing l = scan();
        assertEquals(List.of("good"), l.runs().stream().map(RunSummary::name).toList());
        Map<String, RunStore.Damaged> d = damaged(l);
        assertEquals(2 * files.size(), d.size(), d.keySet().toString());
        for (String f : files) {
            RunStore.Damaged z = d.get("zero-" + f);
            assertTrue(z.reason().startsWith(f + ": is a pipe, device or socket"), z.reason());
            assertFalse(z.unreadable());
            assertPlain(z.reason());
        }
        RunFileException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(RunFileException.class,
                () -> new RunStore(root).load("zero-" + RunFolder.METRICS)));
        assertPlain(e.getMessage());
    }

    @Test
    void aPipeOrAFolderInPlaceOfARunFileNeitherHangsTheListingNorALoad() throws IOException {
        RunFolders.finished(root.resolve("good"), 3);
        for (String f : List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.RESULT, RunFolder.METRICS, RunFolder.LOCK, RunFolder.EVENTS)) {
            for (String how : List.of("fifo", "folder")) {
                Path dir = RunFolders.finished(root.resolve(how + "-" + f), 3);
                replace(dir.resolve(f), how);
            }
        }
        RunStore.Listing l = scan();
        Map<String, RunStore.Damaged> d = damaged(l);
        // events.jsonl is not read by a listing: those runs list; a load refuses them.
        assertEquals(List.of("fifo-events.jsonl", "folder-events.jsonl", "good"), l.runs().stream().map(RunSummary::name).sorted().toList());
        assertEquals(10, d.size(), d.keySet().toString());
        assertTrue(d.get("fifo-run.json").reason().startsWith("run.json: is a pipe"), d.get("fifo-run.json").reason());
        assertTrue(d.get("folder-config.json").reason().startsWith("config.json: is a folder"), d.get("folder-config.json").reason());
        for (RunStore.Damaged x : d.values()) assertPlain(x.reason());
        for (String name : List.of("fifo-events.jsonl", "folder-events.jsonl", "fifo-run.lock")) {
            RunFileException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(RunFileException.class, () -> new RunStore(root).load(name)));
            assertPlain(e.getMessage());
        }
    }

    @Test
    void aRunFolderTheUserCannotReadIsListedAsUnreadable() throws IOException {
        // Tests run as root, where permissions do not bite: the folder's refusal is stood in for.
        RunFolders.finished(root.resolve("good"), 3);
        Files.createDirectories(root.resolve("locked"));
        Files.createDirectories(root.resolve("not-a-run"));
        RunStore store = new RunStore(root, f -> {
            if (f.getParent().getFileName().toString().equals("locked")) throw new AccessDeniedException(f.toString());
            return Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        });
        RunStore.Listing l = store.scan();
        assertEquals(List.of("good"), l.runs().stream().map(RunSummary::name).toList());
        assertEquals(1, l.damaged().size(), l.damaged().toString());
        RunStore.Damaged d = l.damaged().get(0);
        assertEquals("locked", d.name());
        assertTrue(d.unreadable());
        assertEquals("cannot read the folder: permission denied", d.reason());
    }

    @Test
    void wrongJsonTypesAreNamedInTheUsersWords() throws IOException {
        RunFolders.finished(root.resolve("good"), 3);
        Files.writeString(RunFolders.finished(root.resolve("status-null"), 3).resolve(RunFolder.RUN),
                RunFolders.runJson("finished", "3").replace("\"status\":\"finished\"", "\"status\":null"));
        Files.writeString(RunFolders.finished(root.resolve("test-null"), 3).resolve(RunFolder.RESULT), RunFolders.result("null"));
        Files.writeString(RunFolders.finished(root.resolve("number-for-list"), 3).resolve(RunFolder.METRICS),
                RunFolders.row(0, 5).replace("\"pairwise_errors\":[7920,8303,9557]", "\"pairwise_errors\":7") + "\n");
        Files.writeString(RunFolders.finished(root.resolve("number-for-inner-list"), 3).resolve(RunFolder.METRICS),
                RunFolders.row(0, 5).replace("\"rms\":[", "\"rms\":3,\"was_rms\":[") + "\n");
        Files.writeString(RunFolders.finished(root.resolve("not-json"), 3).resolve(RunFolder.CONFIG), "{\"preset\": \"HINTON\", \"epochs\": ");
        RunStore.Listing l = scan();
        Map<String, RunStore.Damaged> d = damaged(l);
        assertEquals(List.of("good", "number-for-inner-list"), l.runs().stream().map(RunSummary::name).sorted().toList(),
                "a listing reads of metrics.jsonl only what it shows");
        assertEquals("run.json: has no \"status\"", d.get("status-null").reason());
        assertEquals("result.json: has no \"energy_errors_test\"", d.get("test-null").reason());
        assertTrue(d.get("number-for-list").reason().contains("pairwise_errors must be a list, got 7"), d.get("number-for-list").reason());
        assertTrue(d.get("not-json").reason().startsWith("config.json: "), d.get("not-json").reason());
        for (RunStore.Damaged x : d.values()) assertPlain(x.reason());
        RunFileException e = assertThrows(RunFileException.class, () -> new RunStore(root).load("number-for-inner-list"));
        assertTrue(e.getMessage().contains("rms must be a list"), e.getMessage());
        assertPlain(e.getMessage());
    }

    @Test
    void numbersAreReadExactlyNeverWrappedOrTruncated() throws IOException {
        RunFolders.finished(root.resolve("good"), 3);
        Map<String, String[]> cases = Map.of(
                "test-wraps", new String[]{RunFolder.RESULT, RunFolders.result("4294967303")},
                "test-negative", new String[]{RunFolder.RESULT, RunFolders.result("-1")},
                "test-beyond-cases", new String[]{RunFolder.RESULT, RunFolders.result("10001")},
                "done-1e20", new String[]{RunFolder.RUN, RunFolders.runJson("finished", "1e20")},
                "done-12.9", new String[]{RunFolder.RUN, RunFolders.runJson("finished", "12.9")},
                "done-negative", new String[]{RunFolder.RUN, RunFolders.runJson("finished", "-1")},
                "status-unknown", new String[]{RunFolder.RUN, RunFolders.runJson("done", "3")},
                "valid-wraps", new String[]{RunFolder.METRICS, RunFolders.row(0, 5).replace("\"energy_errors_valid\":5", "\"energy_errors_valid\":4294967303") + "\n"},
                "valid-negative", new String[]{RunFolder.METRICS, RunFolders.row(0, 5).replace("\"energy_errors_valid\":5", "\"energy_errors_valid\":-3") + "\n"},
                "epoch-fraction", new String[]{RunFolder.METRICS, RunFolders.row(0, 5).replace("\"epoch\":0", "\"epoch\":12.9") + "\n"});
        for (var c : cases.entrySet()) Files.writeString(RunFolders.finished(root.resolve(c.getKey()), 3).resolve(c.getValue()[0]), c.getValue()[1]);
        RunStore.Listing l = scan();
        assertEquals(List.of("good"), l.runs().stream().map(RunSummary::name).toList());
        Map<String, RunStore.Damaged> d = damaged(l);
        assertEquals(cases.keySet(), d.keySet());
        for (var c : cases.entrySet()) {
            String reason = d.get(c.getKey()).reason();
            assertTrue(reason.startsWith(c.getValue()[0]), reason);
            assertPlain(reason);
        }
        assertTrue(d.get("test-wraps").reason().contains("energy_errors_test") && d.get("test-wraps").reason().contains("4294967303"), d.get("test-wraps").reason());
        assertTrue(d.get("done-1e20").reason().contains("epochs_done"), d.get("done-1e20").reason());
        assertTrue(d.get("done-12.9").reason().contains("12.9"), d.get("done-12.9").reason());
        assertTrue(d.get("status-unknown").reason().contains("unknown run status 'done'"), d.get("status-unknown").reason());
        assertTrue(d.get("valid-wraps").reason().contains("energy_errors_valid must be a whole number from 0 to 2147483647, got 4294967303"),
                d.get("valid-wraps").reason());
    }

    @Test
    void theListingSummaryIsTheOneALoadGives() throws IOException {
        RunFolders.finished(root.resolve("full"), 5);
        Files.writeString(RunFolders.finished(root.resolve("running-dead"), 5).resolve(RunFolder.RUN), RunFolders.runJson("running", "2"));
        Path torn = RunFolders.finished(root.resolve("torn"), 5);
        Files.writeString(torn.resolve(RunFolder.METRICS), RunFolders.row(4, 3) + "\n" + RunFolders.row(2, 9), java.nio.file.StandardOpenOption.APPEND);
        RunStore store = new RunStore(root);
        for (RunSummary s : scan().runs()) assertEquals(s, store.load(s.name()).summary(), s.name());
        RunSummary torn5 = store.load("torn").summary();
        assertEquals(5, torn5.epochsDone());
        assertEquals(3, torn5.bestValidEnergyErrors());
    }
}
