package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.ff.playground.PlaygroundSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code goodness playground}: headless training of the Playground tab's network, its accuracy printed. */
class PlaygroundCliTest {

    @Test
    void trainsMoonsAndPrintsTheAccuracyAsJson() {
        CliRunner.Result r = CliRunner.run("playground", "--data", "moons", "--steps", "300", "--seed", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        assertEquals(300, o.get("batches").getAsLong());
        assertTrue(o.get("train_accuracy").getAsDouble() >= 0.95, r.out());
        assertTrue(o.get("held_out_accuracy").getAsDouble() >= 0.95, r.out());
        PlaygroundSettings s = PlaygroundSettings.parse(o.get("settings").getAsString());
        assertEquals(2, s.seed());
    }

    @Test
    void optionsOverrideTheSettingsStringAndTheTextNamesBothAccuracies() {
        CliRunner.Result r = CliRunner.run("playground", "--settings", "data=blobs;classes=4;layers=8;seed=5", "--layers", "6,6", "--points", "40",
                "--steps", "20", "--held-out", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("settings: data=blobs;classes=4;points=40;"), r.out());
        assertTrue(r.out().contains("layers=6,6;"), r.out());
        assertTrue(r.out().contains("training accuracy") && r.out().contains("held-out"), r.out());
    }

    @Test
    void aDataSetBringsItsOwnClassCount() {
        CliRunner.Result r = CliRunner.run("playground", "--data", "blobs", "--steps", "5", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, PlaygroundSettings.parse(JsonParser.parseString(r.out().trim()).getAsJsonObject().get("settings").getAsString()).classes());
        r = CliRunner.run("playground", "--data", "blobs", "--classes", "5", "--steps", "5", "--json");
        assertEquals(0, r.code(), r.err());
        r = CliRunner.run("playground", "--data", "moons", "--classes", "3");
        assertEquals("goodness: invalid classes: moons has 2 classes, not 3", r.errorLine());
    }

    @Test
    void badInputIsOneLineNamingTheKey() {
        CliRunner.Result r = CliRunner.run("playground", "--data", "moons", "--noise", "3");
        assertNotEquals(0, r.code());
        assertEquals("goodness: invalid noise: must be 0 to 1, got 3.0", r.errorLine());
        r = CliRunner.run("playground", "--data", "moon");
        assertTrue(r.errorLine().startsWith("goodness: invalid data: 'moon' is not one of"), r.err());
        r = CliRunner.run("playground", "--settings", "data=moon");
        assertTrue(r.errorLine().startsWith("goodness: invalid data: 'moon' is not one of"), r.err());
        r = CliRunner.run("playground", "--steps", "-1");
        assertEquals("goodness: --steps must be 0 to 10000000, got -1", r.errorLine());
    }
}
