package goodness.runs;

import goodness.ff.FFConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a writer may touch in a folder it claims: its own files, never anyone else's. */
class RunWriterClaimTest {
    static final FFConfig CONFIG = FFConfig.hinton().toBuilder().hiddenSizes(List.of(20, 20)).epochs(2).build();
    static final RunProvenance PROVENANCE = new RunProvenance("cli", CodeVersion.current(), Instant.parse("2026-01-02T03:04:05Z"),
            CONFIG.seed(), "data", "mnist", "HINTON", 1, 1, 1, List.of());

    @TempDir
    Path root;

    @Test
    void theLockFileNamesItsHolderAndARefusedStartLeavesAUsersFolderAsItWas() throws IOException {
        Path dir = root.resolve("run");
        try (RunWriter w = RunWriter.create(dir, CONFIG, PROVENANCE)) {
            String holder = Files.readString(dir.resolve(RunFolder.LOCK)).strip();
            assertTrue(holder.matches("pid " + ProcessHandle.current().pid() + " on host \\S+ since \\d{4}-.*Z"), holder);
        }
        Path mine = Files.createDirectories(root.resolve("mine"));
        Files.writeString(mine.resolve("a.tmp"), "mine");
        RunFileException e = assertThrows(RunFileException.class, () -> RunWriter.create(mine, CONFIG, PROVENANCE));
        assertEquals(mine + ": is not empty and holds no run; choose an empty or new folder", e.getMessage());
        assertEquals(List.of("a.tmp"), names(mine), "no run.lock left behind");
        Path empty = Files.createDirectories(root.resolve("empty"));
        RunWriter.create(empty, CONFIG, PROVENANCE).abandon();
        assertTrue(Files.isDirectory(empty), "a folder the user made stays");
        assertEquals(List.of(), names(empty), "and is empty again");
    }

    @Test
    void aRunStartedOverKeepsTheOtherFilesOfItsFolder() throws IOException {
        Path dir = root.resolve("dead");
        try (RunWriter w = RunWriter.create(dir, CONFIG, PROVENANCE)) {
            // no epoch ends: no checkpoint
        }
        Files.writeString(dir.resolve("notes.tmp"), "mine");
        Files.writeString(dir.resolve("config.json.123.tmp"), "half a config");
        try (RunWriter w = RunWriter.create(dir, CONFIG, PROVENANCE)) {
            assertTrue(Files.exists(dir.resolve("notes.tmp")), "a file that is not a run file stays");
            assertFalse(Files.exists(dir.resolve("config.json.123.tmp")), "a run file's stale temporary goes");
        }
    }

    @Test
    void aLockFileThatIsAPipeOrALinkIsRefusedWithoutHanging() throws Exception {
        Path pipe = Files.createDirectories(root.resolve("pipe"));
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.resolve(RunFolder.LOCK).toString()).start().waitFor());
        Path link = Files.createDirectories(root.resolve("link"));
        Path victim = Files.writeString(root.resolve("victim.txt"), "the user's");
        Files.createSymbolicLink(link.resolve(RunFolder.LOCK), victim);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            for (Path dir : List.of(pipe, link)) {
                RunFileException e = assertThrows(RunFileException.class, () -> RunWriter.create(dir, CONFIG, PROVENANCE));
                assertEquals(dir.resolve(RunFolder.LOCK) + ": is not a regular file (a link, pipe, device or folder); a run's files must be plain files",
                        e.getMessage());
                assertFalse(RunWriter.isLocked(dir));
            }
        });
        assertEquals("the user's", Files.readString(victim));
    }

    @Test
    void newRunFoldersOfTheSameSecondTakeSuffixes() {
        RunStore store = new RunStore(root.resolve("store"));
        Path a = store.newRunFolder(CONFIG), b = store.newRunFolder(CONFIG), c = store.newRunFolder(CONFIG);
        assertTrue(Files.isDirectory(a) && Files.isDirectory(b) && Files.isDirectory(c));
        if (b.getFileName().toString().startsWith(a.getFileName().toString()))
            assertEquals(a.getFileName() + "-2", b.getFileName().toString());
        try (RunWriter w = RunWriter.create(a, CONFIG, PROVENANCE)) {
            assertEquals(a, w.folder());
        }
        RunWriter.create(b, CONFIG, PROVENANCE).abandon();
        assertFalse(Files.exists(b), "a folder named for a run that did not start goes with it");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> l = Files.list(dir)) {
            return l.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
