package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** {@code cells.csv} as a full disk, a crash or a hostile hand leaves it: no lost cell, no glued row, no forged figure, no hang. */
class CellStoreHostileFileTest {
    private static final Budget B = new Budget(1, 1, 512, 512, 0.01, 7);
    private static final String ROW = "mnist,random,1,2,1,1,512,512,0.01,7,100,500,0.8000,1.0,0.5";

    @TempDir
    Path dir;

    private static CellResult cell(int phase, int errors) {
        return new CellResult(new Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, phase), B, errors, 500, 1.0, 0.5);
    }

    private Path csv() {
        return dir.resolve(CellStore.FILE);
    }

    @Test
    void anEmptyFileHasNoRowsAndGetsItsHeaderBeforeTheFirstAppend() throws IOException {
        Files.writeString(csv(), "");
        CellStore store = CellStore.in(dir);
        assertTrue(store.read().isEmpty());
        store.append(cell(2, 100));
        assertEquals(List.of(CellStore.HEADER, ROW), Files.readAllLines(csv()));
        assertEquals(1, CellStore.in(dir).read().size(), "the appended cell is read back, not taken for the header");
    }

    @Test
    void aCutLastLineIsIgnoredWithAWarningAndTheNextRowStartsALineOfItsOwn() throws IOException {
        Files.writeString(csv(), CellStore.HEADER + "\n" + ROW.replace(",1,2,", ",1,4,") + "\n" + "mnist,random,1,8,1,1,512,5");
        CellStore store = CellStore.in(dir);
        assertEquals(1, store.read().size());
        List<String> w = store.takeWarnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith(csv() + " line 3: the last line is cut short"), w.get(0));
        store.append(cell(2, 100));
        List<String> lines = Files.readAllLines(csv());
        assertEquals(List.of(CellStore.HEADER, ROW.replace(",1,2,", ",1,4,"), "mnist,random,1,8,1,1,512,5", ROW), lines);
        assertEquals(2, CellStore.in(dir).read().size());
        assertEquals(2, store.read().size());
        assertTrue(store.takeWarnings().isEmpty(), "the cut line is not warned about twice");
    }

    @Test
    void impossibleValuesAreRejectedWithALineNamingTheFileAndTheRow() throws IOException {
        Files.writeString(csv(), CellStore.HEADER + "\n"
                + ROW + "\n"
                + "mnist,random,1,4,1,1,512,512,0.01,7,-5,500,1.0010,1.0,0.5\n"      // accuracy 100.1 %, negative errors
                + "mnist,random,1,8,1,1,512,512,0.01,7,600,500,0.0000,1.0,0.5\n"     // more errors than cases
                + "mnist,random,1,16,1,1,512,512,0.01,7,100,500,NaN,1.0,0.5\n"
                + "mnist,random,1,32,1,1,512,512,0.01,7,100,500,0.9999,1.0,0.5\n"    // accuracy not its counts'
                + "mnist,random,1,64,1,1,512,512,0.01,7,100,500,0.8000,NaN,0.5\n");
        CellStore store = CellStore.in(dir);
        assertEquals(1, store.read().size());
        List<String> w = store.takeWarnings();
        assertEquals(5, w.size(), w.toString());
        for (int i = 0; i < w.size(); i++) {
            assertTrue(w.get(i).startsWith(csv() + " line " + (i + 3) + ": "), w.get(i));
            assertFalse(w.get(i).contains("Exception"), w.get(i));
        }
        assertTrue(w.get(0).contains("test_errors is -5"), w.get(0));
        assertTrue(w.get(1).contains("more than its 500 test_cases"), w.get(1));
        assertTrue(w.get(2).contains("accuracy is NaN"), w.get(2));
        // The report is made from what read() gives: the forged rows never reach it.
        assertEquals(List.of(2), store.read().values().stream().map(r -> r.cell().phase()).toList());
    }

    @Test
    void aFolderAPipeOrTextThatIsNotUtf8IsOneClearLine() throws Exception {
        Files.createDirectory(csv());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CellStore.in(dir).read());
        assertEquals(csv() + ": is a folder, not a file; an experiment folder's cells.csv must be a file", e.getMessage());
        Files.delete(csv());

        Process p = new ProcessBuilder("mkfifo", csv().toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0);
        e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(UncheckedIOException.class, () -> CellStore.in(dir).read()));
        assertTrue(e.getMessage().startsWith(csv() + ": is a pipe, device or socket, not a file"), e.getMessage());
        e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(UncheckedIOException.class, () -> CellStore.in(dir).createIfMissing()));
        Files.delete(csv());

        Files.write(csv(), (CellStore.HEADER + "\nmnist,random,1,2,1,1,512,512,0.01,7,100,500,0.8000,1.0,\u00ff\n").getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(UncheckedIOException.class, () -> CellStore.in(dir).read());
        assertEquals(csv() + ": is not UTF-8 text (is it an experiment's cells.csv?)", e.getMessage());
    }

    @Test
    void theFileIsReadOnceAndThenOnlyWhatAnotherProcessAppends() throws IOException {
        Files.writeString(csv(), CellStore.HEADER + "\n" + ROW + "\n");
        CellStore store = CellStore.in(dir);
        assertEquals(1, store.read().size());
        // Rewritten in place at the same size: a store that re-read the file would see the change.
        byte[] same = Files.readAllBytes(csv());
        String changed = new String(same, StandardCharsets.UTF_8).replace(",100,500,0.8000,", ",200,500,0.6000,");
        Files.writeString(csv(), changed);
        assertEquals(100, store.read().values().iterator().next().testErrors(), "not read again");
        store.append(cell(4, 50));
        assertEquals(2, store.read().size());
        // Another process appends: its row is read (only it), the rest is still the first read.
        CellStore.in(dir).append(cell(8, 60));
        assertEquals(3, store.read().size());
        assertEquals(100, store.read().values().iterator().next().testErrors());
        Files.writeString(csv(), CellStore.HEADER + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(0, store.read().size(), "a file that shrank is read again from the start");
    }
}
