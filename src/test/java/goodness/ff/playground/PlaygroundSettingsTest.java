package goodness.ff.playground;

import goodness.ff.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The settings string: every setting and the seed in one line, read back exactly; bad strings refused naming the key. */
class PlaygroundSettingsTest {

    @Test
    void theStringReadsBackToEqualSettings() {
        PlaygroundSettings s = new PlaygroundSettings(PlaneShape.BLOBS, 4, 321, 0.123456789, List.of(7, 64, 2), 0.0301, 0.85, 1e-5, 1.7, 0.5,
                PlaygroundNegatives.HARD, 33, true, true, -42);
        String text = s.toString();
        assertEquals(s, PlaygroundSettings.parse(text));
        assertEquals("data=blobs;classes=4;points=321;noise=0.123456789;layers=7,64,2;lr=0.0301;momentum=0.85;wc=0.00001;theta=1.7;temp=0.5;"
                + "neg=hard;batch=33;peer=on;score=upper;seed=-42", text);
        assertEquals(PlaygroundSettings.defaults(), PlaygroundSettings.parse(PlaygroundSettings.defaults().toString()));
    }

    @Test
    void keysLeftOutKeepTheirDefaultsAndClassesFollowTheDataSet() {
        PlaygroundSettings s = PlaygroundSettings.parse(" data = blobs ; seed=7 ");
        assertEquals(PlaneShape.BLOBS, s.shape());
        assertEquals(3, s.classes(), "blobs start with 3 classes");
        assertEquals(7, s.seed());
        assertEquals(PlaygroundSettings.defaults().layers(), s.layers());
    }

    @Test
    void badStringsAreRefusedWithOneMessageNamingTheKey() {
        assertRefused("noise=2", "noise", "must be 0 to 1");
        assertRefused("noise=abc", "noise", "not a number");
        assertRefused("noise=NaN", "noise", "not a number");
        assertRefused("layers=16,,16", "layers", "not a whole number");
        assertRefused("layers=16,65", "layers", "2 to 64");
        assertRefused("layers=8,8,8,8,8", "layers", "1 to 4");
        assertRefused("data=moons;classes=3", "classes", "moons has 2 classes");
        assertRefused("data=spiral", "data", "not one of");
        assertRefused("color=red", "color", "unknown key");
        assertRefused("seed=1;seed=2", "seed", "given twice");
        assertRefused("peer=maybe", "peer", "on or off");
        assertRefused("batch=0", "batch", "1 to 1000");
        assertRefused("momentum=1", "momentum", "below 1");
        assertRefused("score=upper;layers=8", "score", "at least 2 layers");
        assertRefused("just text", "settings", "not key=value");
        assertRefused("", "settings", "empty");
    }

    private static void assertRefused(String text, String key, String why) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> PlaygroundSettings.parse(text), text);
        assertEquals(key, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aDataSetChangeKeepsTheClassCountOnlyWhereItFits() {
        PlaygroundSettings spirals3 = PlaygroundSettings.parse("data=spirals;classes=3");
        assertEquals(3, spirals3.withShape(PlaneShape.BLOBS).classes());
        assertEquals(2, spirals3.withShape(PlaneShape.MOONS).classes());
        assertEquals(0.5, PlaygroundSettings.defaults().with("lr", "0.5").rate());
    }
}
