package goodness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader divides the files the way the experiments assume, and refuses data sets whose
 * files disagree. The bundled data is found the way the applications find it.
 */
class DatasetLoaderTest {

    @TempDir
    Path root;

    // ---- the bundled data sets ------------------------------------------------------------

    @Test
    void mnistHintonSplitIsFirst50kTrainLast10kValidAndT10kTest() {
        Path dataRoot = DatasetLoader.defaultDataRoot();
        DataSplits s = DatasetLoader.load(dataRoot, Dataset.MNIST, SplitKind.HINTON);
        assertSame(Dataset.MNIST, s.dataset());
        assertEquals(50_000, s.train().count());
        assertEquals(10_000, s.valid().count());
        assertEquals(10_000, s.test().count());

        // The published label counts, for train+valid together (= the training file) and test.
        int[] all = s.train().classCounts();
        int[] valid = s.valid().classCounts();
        for (int k = 0; k < 10; k++) {
            all[k] += valid[k];
        }
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, all);
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                s.test().classCounts());

        for (LabeledImages set : new LabeledImages[] {s.train(), s.valid(), s.test()}) {
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (float p : set.pixels()) {
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
            assertEquals(0f, min);
            assertEquals(1f, max);
        }

        // File order: valid starts at training-file image 50,000; train starts at image 0.
        IdxImages raw = IdxReader.readImages(dataRoot.resolve("mnist").resolve(DatasetLoader.TRAIN_IMAGES));
        assertArrayEquals(unit(raw, 50_000), s.valid().image(0));
        assertArrayEquals(unit(raw, 0), s.train().image(0));
        assertArrayEquals(unit(raw, 49_999), s.train().image(49_999));
        assertEquals(5, s.train().label(0)); // MNIST's famous first digit
    }

    @Test
    void fashionMnistLoadsWithBalancedClasses() {
        DataSplits s = DatasetLoader.load(DatasetLoader.defaultDataRoot(), Dataset.FASHION, SplitKind.FULL);
        assertEquals(60_000, s.train().count());
        assertEquals(0, s.valid().count());
        assertEquals(10_000, s.test().count());
        int[] sixThousand = new int[10];
        java.util.Arrays.fill(sixThousand, 6_000);
        assertArrayEquals(sixThousand, s.train().classCounts());
        int[] thousand = new int[10];
        java.util.Arrays.fill(thousand, 1_000);
        assertArrayEquals(thousand, s.test().classCounts());
    }

    private static float[] unit(IdxImages raw, int index) {
        float[] out = new float[784];
        for (int i = 0; i < 784; i++) {
            out[i] = (raw.pixels()[index * 784 + i] & 0xFF) / 255f;
        }
        return out;
    }

    // ---- splits and limits on small synthetic sets ---------------------------------------

    @Test
    void fullSplitTrainsOnEverythingAndHasNoValidationSet() {
        IdxFiles.dataSet(root, Dataset.MNIST, 30, 7, 28);
        DataSplits s = DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL);
        assertEquals(30, s.train().count());
        assertTrue(s.valid().isEmpty());
        assertEquals(7, s.test().count());
        assertEquals(9, s.train().label(29));
        // byte i of the training file is i % 251, so pixel 100 of image 1 is (784 + 100) % 251
        assertEquals(((784 + 100) % 251) / 255f, s.train().pixel(1, 3, 16));
    }

    @Test
    void hintonSplitHoldsOutTheLast10000WhateverTheFileSize() {
        IdxFiles.dataSet(root, Dataset.FASHION, 10_005, 3, 28);
        DataSplits s = DatasetLoader.load(root, Dataset.FASHION, SplitKind.HINTON);
        assertEquals(5, s.train().count());
        assertEquals(10_000, s.valid().count());
        assertEquals(5 % 10, s.valid().label(0));
    }

    @Test
    void hintonSplitNeedsMoreThanTheValidationSize() {
        IdxFiles.dataSet(root, Dataset.MNIST, 10_000, 3, 28);
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.HINTON));
        assertTrue(e.getMessage().contains("holds only 10000 images"), e.getMessage());
    }

    @Test
    void trainLimitKeepsTheFirstImagesAndLeavesValidAndTestAlone() {
        IdxFiles.dataSet(root, Dataset.MNIST, 10_020, 4, 28);
        DataSplits all = DatasetLoader.load(root, Dataset.MNIST, SplitKind.HINTON, 0);
        DataSplits few = DatasetLoader.load(root, Dataset.MNIST, SplitKind.HINTON, 7);
        assertEquals(20, all.train().count());
        assertEquals(7, few.train().count());
        assertArrayEquals(all.train().first(7).pixels(), few.train().pixels());
        assertEquals(10_000, few.valid().count());
        assertEquals(4, few.test().count());
        assertEquals(20, DatasetLoader.load(root, Dataset.MNIST, SplitKind.HINTON, 20).train().count());
    }

    @Test
    void trainLimitBeyondTheSplitOrNegativeIsRefused() {
        IdxFiles.dataSet(root, Dataset.MNIST, 10_020, 4, 28);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.HINTON, 21));
        assertTrue(tooMany.getMessage().contains("21") && tooMany.getMessage().contains("20"),
                tooMany.getMessage());
        assertEquals(10_020, DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL, 10_020).train().count());
        assertThrows(IllegalArgumentException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL, 10_021));
        assertThrows(IllegalArgumentException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL, -1));
    }

    // ---- files that disagree --------------------------------------------------------------

    @Test
    void imageAndLabelCountMismatchNamesBothFiles() {
        IdxFiles.dataSet(root, Dataset.MNIST, 30, 7, 28);
        Path dir = root.resolve("mnist");
        IdxFiles.write(dir.resolve(DatasetLoader.TEST_LABELS), IdxFiles.gzip(IdxFiles.labels(6)));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL));
        String m = e.getMessage();
        assertTrue(m.contains(dir.resolve(DatasetLoader.TEST_IMAGES).toString()), m);
        assertTrue(m.contains(dir.resolve(DatasetLoader.TEST_LABELS).toString()), m);
        assertTrue(m.contains("7 images") && m.contains("6 labels"), m);
    }

    @Test
    void labelOutsideZeroToNineIsRefusedWithItsPosition() {
        IdxFiles.dataSet(root, Dataset.MNIST, 30, 7, 28);
        Path labels = root.resolve("mnist").resolve(DatasetLoader.TRAIN_LABELS);
        byte[] l = new byte[30];
        l[17] = 10;
        IdxFiles.write(labels, IdxFiles.labels(IdxReader.LABEL_MAGIC, 30, l));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL));
        assertEquals(labels.toString() + ": label 10 at index 17 is outside 0..9", e.getMessage());
    }

    @Test
    void imagesMustBe28By28() {
        IdxFiles.dataSet(root, Dataset.MNIST, 30, 7, 27);
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL));
        assertTrue(e.getMessage().contains("27x27, expected 28x28"), e.getMessage());
        assertTrue(e.getMessage().contains(DatasetLoader.TRAIN_IMAGES), e.getMessage());
    }

    @Test
    void missingDataSetFolderIsNamed() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(root, Dataset.FASHION, SplitKind.FULL));
        assertTrue(e.getMessage().startsWith(root.resolve("fashion-mnist") + ": "), e.getMessage());
    }

    @Test
    void missingSingleFileIsNamed() throws Exception {
        IdxFiles.dataSet(root, Dataset.MNIST, 30, 7, 28);
        Path testImages = root.resolve("mnist").resolve(DatasetLoader.TEST_IMAGES);
        Files.delete(testImages);
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(root, Dataset.MNIST, SplitKind.FULL));
        assertEquals(testImages + ": file not found", e.getMessage());
    }

    // ---- finding the data root ------------------------------------------------------------

    @Test
    void defaultDataRootUnderTheBuildHoldsTheBundledData() {
        Path r = DatasetLoader.defaultDataRoot();
        assertTrue(Files.isDirectory(r.resolve("mnist")), r.toString());
        assertTrue(Files.isDirectory(r.resolve("fashion-mnist")), r.toString());
    }

    @Test
    void explicitPropertyWinsAndMustExist() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createDirectories(root.resolve("work/data/mnist"));
        assertEquals(elsewhere, DatasetLoader.findDataRoot(elsewhere.toString(), root.resolve("work")));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.findDataRoot(root.resolve("typo").toString(), root.resolve("work")));
        assertTrue(e.getMessage().contains("goodness.dataDir"), e.getMessage());
    }

    @Test
    void withoutPropertyUsesDotDataThenWalksUpToAFolderWithDataMnist() throws Exception {
        Path project = root.resolve("project");
        Files.createDirectories(project.resolve("data/mnist"));
        Path deep = Files.createDirectories(project.resolve("src/main/java"));
        assertEquals(project.resolve("data"), DatasetLoader.findDataRoot(null, project));
        assertEquals(project.resolve("data"), DatasetLoader.findDataRoot("", deep));
    }

    @Test
    void noDataAnywhereSaysWhereItLooked() throws Exception {
        Path lonely = Files.createDirectories(root.resolve("a/b"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.findDataRoot(null, lonely));
        String m = e.getMessage();
        assertTrue(m.contains("goodness.dataDir") && m.contains(lonely.resolve("data").toString())
                && m.contains("data/mnist"), m);
    }
}
