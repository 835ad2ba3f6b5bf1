package goodness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Data set names as users type them, and the facts each data set carries. */
class DatasetTest {

    @Test
    void parseAcceptsTheCommandLineSpellingsInAnyCase() {
        assertSame(Dataset.MNIST, Dataset.parse("mnist"));
        assertSame(Dataset.MNIST, Dataset.parse(" MNIST "));
        assertSame(Dataset.FASHION, Dataset.parse("fashion"));
        assertSame(Dataset.FASHION, Dataset.parse("Fashion-MNIST"));
    }

    @Test
    void parseRejectsOthersListingWhatIsAccepted() {
        for (String bad : new String[] {"cifar", "", "fashion_mnist", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Dataset.parse(bad));
            assertTrue(e.getMessage().contains("mnist, fashion, fashion-mnist"), e.getMessage());
        }
    }

    @Test
    void foldersStatisticsAndClassNames() {
        assertEquals("mnist", Dataset.MNIST.folder());
        assertEquals("fashion-mnist", Dataset.FASHION.folder());
        assertEquals(0.1307f, Dataset.MNIST.mean());
        assertEquals(0.3081f, Dataset.MNIST.std());
        assertEquals(0.2858f, Dataset.FASHION.mean());
        assertEquals(0.3530f, Dataset.FASHION.std());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Dataset.MNIST.classNames());
        assertEquals(10, Dataset.FASHION.classCount());
        assertEquals("T-shirt/top", Dataset.FASHION.className(0));
        assertEquals("Sneaker", Dataset.FASHION.className(7));
        assertEquals("Ankle boot", Dataset.FASHION.className(9));
        assertThrows(UnsupportedOperationException.class, () -> Dataset.MNIST.classNames().set(0, "x"));
    }
}
