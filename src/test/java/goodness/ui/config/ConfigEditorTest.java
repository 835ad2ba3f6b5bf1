package goodness.ui.config;

import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** The config editor, without a window: it covers every FFConfig field and parses what it shows. */
class ConfigEditorTest {
    /** What the left panel holds (the run's identity and its live settings; its Preset box sets recipe and name). */
    private static final Set<String> LEFT_PANEL = Set.of("recipe", "presetName", "dataset", "epochs", "seed", "negatives", "phases", "threads");

    @Test
    void everyConfigFieldIsEditableInTheEditorOrTheLeftPanel() {
        ConfigEditor e = new ConfigEditor();
        Set<String> covered = new TreeSet<>(LEFT_PANEL);
        Set<String> recurrent = new TreeSet<>();
        for (ConfigEditor.Field f : e.fields()) {
            // recurrentSettings is a record: one field per component, named as its validator names them
            if (f.name().startsWith("recurrentSettings.")) recurrent.add(f.name().substring("recurrentSettings.".length()));
            else assertTrue(covered.add(f.name()), f.name() + " is edited in one place only");
        }
        if (!recurrent.isEmpty()) covered.add("recurrentSettings");
        Set<String> components = new TreeSet<>();
        for (RecordComponent rc : goodness.ff.RecurrentSettings.class.getRecordComponents()) components.add(rc.getName());
        assertEquals(components, recurrent, "every recurrent setting has its field");
        Set<String> all = new TreeSet<>();
        for (RecordComponent rc : FFConfig.class.getRecordComponents()) all.add(rc.getName());
        all.remove("unsupervised");        // set by its preset (hinton-unsupervised), like the recipe itself
        assertEquals(all, covered);
    }

    @Test
    void theBooleanFieldsAndOnlyThoseAreCheckBoxes() {
        Set<String> flags = new TreeSet<>();
        for (ConfigEditor.Field f : new ConfigEditor().fields()) if (f.isFlag()) flags.add(f.name());
        assertEquals(new TreeSet<>(Set.of("shuffle", "topLayerTerm", "dropoutScored")), flags);
    }

    @Test
    void whatItShowsParsesBackToTheSameConfig() {
        for (FFConfig c : new FFConfig[] {FFConfig.hinton(), FFConfig.sleep(), FFConfig.hintonPlus(), FFConfig.recurrent(),
                FFConfig.recurrent().toBuilder().recurrentSettings(new goodness.ff.RecurrentSettings(6, 0.5, 2, 4)).build(),
                FFConfig.hinton().toBuilder().hiddenSizes(java.util.List.of(300, 200)).learningRate(0.0125).build()}) {
            ConfigEditor e = new ConfigEditor();
            e.load(c);
            assertTrue(e.shows(c));
            FFConfig.Builder b = FFConfig.hinton().toBuilder();
            b.recipe = c.recipe();
            b.presetName = c.presetName();
            e.applyTo(b);
            FFConfig back = b.dataset(c.dataset()).epochs(c.epochs()).seed(c.seed()).negatives(c.negatives()).phases(c.phases()).threads(c.threads()).build();
            assertEquals(c, back);
        }
    }

    @Test
    void textThatIsNotANumberIsRefusedNamingTheField() {
        ConfigEditor e = new ConfigEditor();
        e.load(FFConfig.hinton());
        e.field("momentum").textProperty().set("0,9");
        InvalidConfigException x = assertThrows(InvalidConfigException.class, () -> e.applyTo(FFConfig.hinton().toBuilder()));
        assertEquals("momentum", x.field());
        assertEquals("invalid momentum: must be a number, got '0,9'", x.getMessage());
        e.field("momentum").textProperty().set("0.9");
        e.field("hiddenSizes").textProperty().set("1000, wide");
        assertEquals("hiddenSizes", assertThrows(InvalidConfigException.class, () -> e.applyTo(FFConfig.hinton().toBuilder())).field());
    }

    @Test
    void theRecurrentSettingsAreEditedForTheRecurrentRecipeAndRefusedNamingTheSetting() {
        ConfigEditor e = new ConfigEditor();
        e.load(FFConfig.hinton());
        assertEquals("", e.field("recurrentSettings.iterations").textProperty().get(), "other recipes have no recurrent settings");
        e.load(FFConfig.recurrent());
        assertEquals("8", e.field("recurrentSettings.iterations").textProperty().get());
        assertEquals("0.3", e.field("recurrentSettings.damping").textProperty().get());
        e.field("recurrentSettings.iterations").textProperty().set("4");
        FFConfig.Builder b = FFConfig.recurrent().toBuilder();
        e.applyTo(b);
        assertEquals(new goodness.ff.RecurrentSettings(4, 0.3, 3, 5), b.recurrentSettings);
        // scoreTo 5 with only 4 iterations: the validator names the setting, which the editor holds
        InvalidConfigException x = assertThrows(InvalidConfigException.class, b::build);
        assertEquals("recurrentSettings.scoreTo", x.field());
        assertTrue(e.mark(x.field(), x.getMessage()));
        e.field("recurrentSettings.damping").textProperty().set("strong");
        assertEquals("recurrentSettings.damping", assertThrows(InvalidConfigException.class, () -> e.applyTo(FFConfig.recurrent().toBuilder())).field());
    }

    @Test
    void aMarkSitsOnOneFieldAtATime() {
        ConfigEditor e = new ConfigEditor();
        assertTrue(e.mark("dropout", "invalid dropout: must be in [0, 1), got 1.0"));
        assertEquals("invalid dropout: must be in [0, 1), got 1.0", e.field("dropout").errorProperty().get());
        assertFalse(e.mark("seed", "invalid seed"), "the seed is the left panel's");
        assertEquals("", e.field("dropout").errorProperty().get());
    }
}
