package goodness.ff;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import goodness.ff.io.ConfigJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The named presets: one factory for CLI and app, a name that travels with the config, and old files that read. */
class NamedPresetTest {
    private static final Gson GSON = new Gson();

    @Test
    void eachNameStandsForTheConfigTheCliBuildsAndCarriesItsName() {
        for (NamedPreset p : NamedPreset.values()) {
            FFConfig c = p.config();
            assertEquals(FFConfig.named(p.id()), c, p.id());
            assertEquals(p.id(), c.presetName());
            assertEquals(p.recipe(), c.recipe());
            assertSame(p, NamedPreset.of(c));
            assertSame(p, NamedPreset.parse(" " + p.id().toUpperCase() + " "), "names are case-insensitive");
        }
        assertEquals(FFConfig.hinton(), NamedPreset.HINTON.config());
        assertEquals(FFConfig.hintonPlus(), NamedPreset.HINTON_PLUS.config());
        assertEquals(FFConfig.sleep(), NamedPreset.SLEEP.config());
        assertEquals(Recipe.HINTON, NamedPreset.HINTON_PLUS.recipe(), "hinton-plus is recipe A with additions");
    }

    @Test
    void aNameThatIsUnknownOrOfAnotherRecipeIsRefusedNamingTheField() {
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class, () -> FFConfig.hinton().toBuilder().presetName("hinton-max").build());
        assertEquals("presetName", unknown.field());
        assertEquals("invalid presetName: must be one of hinton, hinton-plus, hinton-unsupervised, sleep, hinton-recurrent, got 'hinton-max'", unknown.getMessage());
        InvalidConfigException mismatch = assertThrows(InvalidConfigException.class, () -> FFConfig.sleep().toBuilder().presetName("hinton-plus").build());
        assertEquals("presetName", mismatch.field());
        assertEquals("invalid presetName: 'hinton-plus' is a hinton preset, but the config's recipe is sleep", mismatch.getMessage());
        assertEquals("preset", assertThrows(InvalidConfigException.class, () -> NamedPreset.parse("sleepy")).field());
    }

    @Test
    void theNameIsWrittenWithTheConfigAndReadBack() {
        FFConfig plus = FFConfig.hintonPlus().toBuilder().evalEvery(10).build();
        String json = GSON.toJson(plus);
        assertTrue(json.contains("\"presetName\":\"hinton-plus\""), json);
        assertEquals(plus, ConfigJson.parse(json));
        // A changed setting does not change the name: hinton-plus with 300 epochs is still hinton-plus.
        assertEquals("hinton-plus", ConfigJson.parse(GSON.toJson(plus.toBuilder().epochs(300).build())).presetName());
    }

    @Test
    void aConfigWrittenBeforeConfigsCarriedTheirNameGetsTheClosestPresetsName() {
        // Written by the code before this field existed: no presetName at all.
        assertEquals("hinton-plus", ConfigJson.parse(withoutName(FFConfig.hintonPlus().toBuilder().evalEvery(10).build())).presetName(),
                "the 200-epoch run with shifts and dropout (and one changed option) is hinton-plus");
        assertEquals("hinton", ConfigJson.parse(withoutName(FFConfig.hinton())).presetName());
        // Such a config predates hinton-plus's present defaults: it is compared with the preset's
        // first values (the port's ±1 px and dropout 0.15, no reshuffling, rotation or scaling).
        FFConfig portValues = FFConfig.hinton().toBuilder().presetName("hinton-plus").epochs(200).shiftPixels(1).dropout(0.15).evalEvery(20).build();
        assertEquals("hinton-plus", ConfigJson.parse(withoutName(portValues)).presetName());
        assertEquals("hinton", ConfigJson.parse(withoutName(FFConfig.hinton().toBuilder().shiftPixels(2).build())).presetName(),
                "recipe A with one added option is closer to plain recipe A");
        assertEquals("sleep", ConfigJson.parse(withoutName(FFConfig.sleep().toBuilder().epochs(3).build())).presetName());
        // Apart from the name, the config reads exactly as written.
        FFConfig plus = FFConfig.hintonPlus().toBuilder().seed(7).build();
        assertEquals(plus, ConfigJson.parse(withoutName(plus)));
    }

    private static String withoutName(FFConfig c) {
        JsonObject o = GSON.toJsonTree(c).getAsJsonObject();
        assertNotNull(o.remove("presetName"));
        return GSON.toJson(o);
    }
}
