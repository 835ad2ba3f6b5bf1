package goodness.ff.io;

import com.google.gson.Gson;
import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A config read from JSON is checked field by field, as if the text were hand-made. */
class ConfigJsonTest {
    private static final Gson GSON = JsonFormat.GSON;
    private static final String GOOD = GSON.toJson(FFConfig.hinton());

    private static InvalidConfigException refused(String json) {
        return assertThrows(InvalidConfigException.class, () -> ConfigJson.parse(json));
    }

    @Test
    void aConfigWrittenByGsonReadsBackEqual() {
        assertEquals(FFConfig.hinton(), ConfigJson.parse(GOOD));
        assertEquals(FFConfig.sleep(), ConfigJson.parse(GSON.toJson(FFConfig.sleep())));
    }

    @Test
    void theRecipeIsStoredUnderItsOriginalKeySoOldFilesKeepReading() {
        assertTrue(GOOD.startsWith("{\"preset\":\"HINTON\","), GOOD);
        // a recipe-B config.json as written before configs named their preset or had the augmentation fields
        String old = "{\"preset\":\"SLEEP\",\"dataset\":\"MNIST\",\"hiddenSizes\":[500,500,500],\"epochs\":10,\"batchSize\":512,\"learningRate\":0.001,\"softmaxLearningRate\":0.0,\"momentum\":0.0,\"weightCost\":0.0,\"softmaxWeightCost\":0.0,\"peerLambda\":0.0,\"peerDecay\":0.0,\"threshold\":2.0,\"temperature\":1.0,\"labelStrength\":1.0,\"neutralLabel\":0.0,\"stepsPerBatch\":5,\"seed\":1,\"negatives\":\"RANDOM\",\"phases\":{\"awake\":0,\"sleep\":0,\"scalePositiveRate\":false},\"shuffle\":true,\"threads\":1,\"backend\":\"openblas\",\"trainLimit\":0,\"topLayerTerm\":false,\"evalEvery\":1}";
        FFConfig c = ConfigJson.parse(old);
        assertEquals(goodness.ff.Recipe.SLEEP, c.recipe());
        assertEquals("sleep", c.presetName());
        assertEquals("preset", refused(old.replace("\"SLEEP\"", "7")).field());
    }

    @Test
    void eachKindOfBadFieldIsNamed() {
        assertEquals("epochs", refused(GOOD.replace("\"epochs\":125", "\"epochs\":null")).field());
        assertEquals("epochs", refused(GOOD.replace("\"epochs\":125", "\"epochs\":\"125\"")).field());
        assertEquals("epochs", refused(GOOD.replace("\"epochs\":125", "\"epochs\":1.5")).field());
        assertEquals("seed", refused(GOOD.replace("\"seed\":1234", "\"seed\":1e40")).field());
        assertEquals("preset", refused(GOOD.replace("\"preset\":\"HINTON\"", "\"preset\":\"FAST\"")).field());
        assertEquals("hiddenSizes[1]", refused(GOOD.replace("[1000,1000,1000]", "[1000,null,1000]")).field());
        assertEquals("hiddenSizes", refused(GOOD.replace("[1000,1000,1000]", "[]")).field());
        assertEquals("phases.awake", refused(GOOD.replace("\"awake\":0", "\"awake\":true")).field());
        assertEquals("phases", refused(GOOD.replace("\"awake\":0", "\"awake\":3")).field(), "awake without sleep");
        assertEquals("shuffle", refused(GOOD.replace("\"shuffle\":false", "\"shuffle\":0")).field());
        assertEquals("momentum", refused(GOOD.replace("\"momentum\":0.9", "\"momentum\":NaN")).field());
    }

    @Test
    void aMissingFieldTakesItsDefaultAndValidationDecides() {
        // An old file without a field that defaults to false still reads ...
        FFConfig c = ConfigJson.parse(GOOD.replace(",\"topLayerTerm\":false", ""));
        assertFalse(c.topLayerTerm());
        String withoutDropoutScored = GOOD.replace(",\"dropoutScored\":false", "");
        assertNotEquals(GOOD, withoutDropoutScored, "the field was taken out");
        assertFalse(ConfigJson.parse(withoutDropoutScored).dropoutScored(),
                "a run written before dropoutScored existed reads as the dropout it ran with");
        FFConfig scored = FFConfig.hintonPlus().toBuilder().dropoutScored(true).build();
        assertEquals(scored, ConfigJson.parse(GSON.toJson(scored)));
        String withoutAffine = GOOD.replace(",\"rotateDegrees\":0.0", "").replace(",\"scaleRange\":0.0", "");
        assertNotEquals(GOOD, withoutAffine, "the fields were taken out");
        assertFalse(ConfigJson.parse(withoutAffine).affineAugmentation(), "a run written before rotations and scaling existed had none");
        FFConfig turned = FFConfig.hintonPlus().toBuilder().rotateDegrees(10).scaleRange(0.1).build();
        assertEquals(turned, ConfigJson.parse(GSON.toJson(turned)));
        // ... and one without a required field is refused by the record's own validation.
        assertEquals("preset", refused(GOOD.replace("\"preset\":\"HINTON\",", "")).field());
    }

    @Test
    void textThatIsNotAConfigObjectIsRefusedInWords() {
        for (String bad : new String[] {"", "[]", "null", "{", "{\"epochs\":", "\u0000\u0001"}) {
            InvalidConfigException e = refused(bad);
            assertEquals("config", e.field(), bad);
            assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
