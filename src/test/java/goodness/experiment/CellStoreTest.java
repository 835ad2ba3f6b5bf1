package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code cells.csv}: the committed experiment folders read, rows append as they always looked, broken lines are skipped. */
class CellStoreTest {
    private static final Path EXPERIMENTS = Path.of("assets", "experiments");

    private static List<Path> committedFolders() throws Exception {
        try (Stream<Path> s = Files.walk(EXPERIMENTS)) {
            return s.filter(p -> p.getFileName().toString().equals(CellStore.FILE)).map(Path::getParent).sorted().toList();
        }
    }

    @Test
    void everyCommittedRowReadsAndAppendsAgainByteForByte(@TempDir Path tmp) throws Exception {
        List<Path> folders = committedFolders();
        assertTrue(folders.size() >= 10, folders.toString());
        for (Path dir : folders) {
            List<String> lines = Files.readAllLines(dir.resolve(CellStore.FILE), StandardCharsets.UTF_8);
            List<CellResult> read = CellStore.in(dir).results();
            assertEquals(lines.size() - 1, read.size(), dir + ": every row parses");
            // The same results appended to a file with the same header give the same lines, except
            // Table 2's baseline, which is filed under Table 1 (Cell.resultCell) since it is shared.
            Path copy = Files.createDirectories(tmp.resolve(dir.getFileName().toString() + "-" + folders.indexOf(dir)));
            Files.writeString(copy.resolve(CellStore.FILE), lines.get(0) + "\n", StandardCharsets.UTF_8);
            CellStore store = CellStore.in(copy);
            List<String> expected = new ArrayList<>(List.of(lines.get(0)));
            for (int i = 0; i < read.size(); i++) {
                CellResult r = read.get(i);
                if (!r.cell().equals(r.cell().resultCell())) continue;
                store.append(r);
                expected.add(lines.get(i + 1));
            }
            assertEquals(expected, Files.readAllLines(copy.resolve(CellStore.FILE), StandardCharsets.UTF_8), dir.toString());
        }
    }

    @Test
    void theOldFourteenColumnHeaderStaysAndItsRowsHaveNoCpuTime(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(CellStore.FILE), CellStore.HEADER_WALL_ONLY + "\nmnist,random,1,unseparated,1,1,512,512,0.01,7,100,1000,0.9000,12.5\n");
        CellStore store = CellStore.in(dir);
        CellResult old = store.results().get(0);
        assertTrue(Double.isNaN(old.cpuSeconds()));
        assertEquals(12.5, old.seconds());
        Cell n2 = new Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, 2);
        store.append(new CellResult(n2, old.budget(), 250, 1000, 3.04, 5.06));
        assertEquals("mnist,random,1,2,1,1,512,512,0.01,7,250,1000,0.7500,3.0", Files.readAllLines(dir.resolve(CellStore.FILE)).get(2));
        assertEquals(2, store.read().size());
    }

    @Test
    void aNewFileHasTheCpuColumnAndLeavesItEmptyWhereUnmeasured(@TempDir Path dir) throws Exception {
        CellStore store = CellStore.in(dir);
        store.createIfMissing();
        Budget b = new Budget(1, 1, 512, 512, 0.01, 7);
        store.append(new CellResult(new Cell(Dataset.FASHION, NegativeMode.MASK, 2, 4), b, 400, 1000, 2.0, 1.25));
        store.append(new CellResult(new Cell(Dataset.FASHION, NegativeMode.MASK, 2, 0), b, 300, 1000, 2.0, Double.NaN));
        assertEquals(List.of(CellStore.HEADER, "fashion-mnist,mask,2,4,1,1,512,512,0.01,7,400,1000,0.6000,2.0,1.3",
                "fashion-mnist,mask,1,unseparated,1,1,512,512,0.01,7,300,1000,0.7000,2.0,"), Files.readAllLines(store.file()));
        List<CellResult> back = store.results();
        assertEquals(1.3, back.get(0).cpuSeconds(), 1e-12);
        assertTrue(Double.isNaN(back.get(1).cpuSeconds()));
        assertEquals(new Cell(Dataset.FASHION, NegativeMode.MASK, 1, 0), back.get(1).cell(), "the baseline is filed under Table 1");
    }

    @Test
    void linesThatDoNotParseAreSkippedAndALaterLineForTheSameCellCounts(@TempDir Path dir) throws Exception {
        String text = CellStore.HEADER + "\n"
                + "mnist,random,1,2,1,1,512,512,0.01,7,499,500,0.0020,1.0,0.5\n"
                + "mnist,random,1,4,1,1,512,512,0.01,7,4\n"                              // cut by a crash
                + "\n"
                + "mnist,random,1,\"4,1,1,512,512,0.01,7,100,500,0.8000,1.0,0.5\n"       // a stray quote: skipped, and it quotes nothing
                + "mnist,random,1,8,1,1,512,512,0.01,7,100,500,0.8000,1.0,0.5\n"
                + "mnist,nonsense,1,8,1,1,512,512,0.01,7,100,500,0.8000,1.0,0.5\n"
                + "mnist,random,1,16,1,1,512,512,0.01,7,x,500,0.8000,1.0,0.5\n"
                + "mnist,random,1,2,1,1,512,512,0.01,7,300,500,0.4000,1.0,0.5\r\n"
                + "mnist,random,1,32,1,1,512,512,0.01,7,200,500,0.6000,1.0,0.5";         // no line end yet
        List<CellResult> all = CellStore.parse(new StringReader(text));
        assertEquals(List.of("2:499", "8:100", "2:300", "32:200"), all.stream().map(r -> r.cell().phase() + ":" + r.testErrors()).toList());
        Files.writeString(dir.resolve(CellStore.FILE), text, StandardCharsets.UTF_8);
        var byKey = CellStore.in(dir).read();
        assertEquals(2, byKey.size(), "the file's last line has no newline: a cut row, ignored");
        assertEquals(300, byKey.get(CellStore.key(new Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, 2), all.get(0).budget())).testErrors());
    }
}
