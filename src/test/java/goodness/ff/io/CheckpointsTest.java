package goodness.ff.io;

import goodness.data.DataSplits;
import goodness.ff.FFNetwork;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoints survive a round trip and bad files are refused with a clear message, never half-loaded. */
class CheckpointsTest {
    @TempDir static Path dir;
    static Path state, model;
    static FFNetwork trained;

    @BeforeAll
    static void train() {
        DataSplits data = TestData.small(500, 100);
        try (Trainer t = Trainers.create(TestData.tiny().build(), data, new EjmlBackend(1))) {
            for (int i = 0; i < 3; i++) t.trainBatch();
            state = dir.resolve("state.bin");
            model = dir.resolve("model.ffm");
            Checkpoints.saveState(t.state(), state);
            Checkpoints.saveModel(t.network(), model);
            trained = t.snapshot();
        }
    }

    @Test
    void roundTripKeepsEveryParameterAndTheConfig() {
        for (FFNetwork n : new FFNetwork[] {Checkpoints.loadModel(model), Checkpoints.loadModel(state), Checkpoints.loadState(state).network()}) {
            assertEquals(trained.config(), n.config());
            for (int l = 0; l < 3; l++) {
                assertArrayEquals(trained.weights[l].data, n.weights[l].data);
                assertArrayEquals(trained.biases[l], n.biases[l]);
                if (l > 0) assertArrayEquals(trained.readout[l].data, n.readout[l].data);
            }
        }
        TrainingState s = Checkpoints.loadState(state);
        assertEquals(3, s.batchInEpoch());
        assertEquals(3, s.batchCounter());
    }

    @Test
    void aModelFileCannotResumeTraining() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.loadState(model));
        assertTrue(e.getMessage().contains("model file"), e.getMessage());
    }

    @Test
    void corruptTruncatedAndForeignFilesAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(state);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertRefused(flipped, "checksum");
        assertRefused(Arrays.copyOf(good, good.length - 1000), "checksum");
        assertRefused(Arrays.copyOf(good, 10), "not a Goodness");
        assertRefused("hello, I am a text file, not a model at all".getBytes(), "not a Goodness");
        byte[] future = good.clone();
        future[11] = 9; // format version 9
        assertRefused(future, "version 9");
        CheckpointException missing = assertThrows(CheckpointException.class, () -> Checkpoints.loadModel(dir.resolve("nope.ffm")));
        assertTrue(missing.getMessage().contains("not found"));
    }

    private static void assertRefused(byte[] bytes, String expected) throws IOException {
        Path f = Files.createTempFile(dir, "bad", ".bin");
        Files.write(f, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.loadModel(f));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), "the message names the file: " + e.getMessage());
    }

    @Test
    void aWriteReplacesTheFileAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("atomic.ffm");
        Checkpoints.saveModel(trained, f);
        Checkpoints.saveModel(trained, f);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        assertEquals(trained.config(), Checkpoints.loadModel(f).config());
    }
}
