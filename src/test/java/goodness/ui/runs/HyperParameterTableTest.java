package goodness.ui.runs;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The hyper-parameter table of selected runs marks exactly the fields where they differ. */
class HyperParameterTableTest {
    private static final FFConfig A = FFConfig.hinton().toBuilder().epochs(5).build();

    @Test
    void onlyTheFieldsThatDifferAreMarked() {
        FFConfig b = A.toBuilder().negatives(NegativeMode.MASK).build();
        FFConfig c = A.toBuilder().negatives(NegativeMode.RANDOM).peerLambda(0).build();
        HyperParameterTable t = HyperParameterTable.of(List.of(new HyperParameterTable.Column("hard", A),
                new HyperParameterTable.Column("mask", b), new HyperParameterTable.Column("random", c)));
        assertEquals(List.of("hard", "mask", "random"), t.runs());
        assertEquals(List.of("peerLambda", "negatives"), t.differing().stream().map(HyperParameterTable.Row::field).toList());
        HyperParameterTable.Row negatives = t.differing().get(1);
        assertEquals(List.of("hard", "mask", "random"), negatives.values());
        assertEquals(List.of("0.03", "0.03", "0"), t.differing().get(0).values());
    }

    @Test
    void everyConfigFieldHasARowInTheRecordsOrder() {
        HyperParameterTable t = HyperParameterTable.of(List.of(new HyperParameterTable.Column("a", A)));
        assertEquals(FFConfig.class.getRecordComponents().length, t.rows().size());
        assertEquals("recipe", t.rows().get(0).field());
        assertEquals("presetName", t.rows().get(1).field(), "the named preset (hinton, hinton-plus, sleep) next to the recipe");
        assertEquals("hinton", t.rows().get(1).values().get(0));
        assertEquals("1000-1000-1000", t.rows().get(3).values().get(0), "widths as the CLI's names write them");
        assertTrue(t.differing().isEmpty(), "one run differs from nothing");
    }

    @Test
    void identicalRunsDifferNowhere() {
        HyperParameterTable t = HyperParameterTable.of(List.of(new HyperParameterTable.Column("a", A), new HyperParameterTable.Column("b", A)));
        assertTrue(t.differing().isEmpty());
    }
}
