package goodness.ff.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import goodness.ff.NamedPreset;

/**
 * Reads an {@link FFConfig} from JSON as if the text were hand-made: before Gson builds the
 * record, every field present is checked to have the right JSON type
 * ({@link JsonFormat#checkTypes}), so a bad file ends as an {@link InvalidConfigException} naming
 * the field, never as Gson's "Failed to invoke constructor" or a {@code NumberFormatException}.
 * The record's own validation then runs in its canonical constructor. A missing field takes Java's default (null, 0, false), which that
 * validation refuses where it matters, so files written before a field existed still read. A
 * config written before configs named their preset ({@code presetName}) gets the name of the
 * preset it matches most closely ({@link NamedPreset#closestTo}), so an early hinton-plus run
 * still lists as hinton-plus.
 */
public final class ConfigJson {
    private ConfigJson() {
    }

    /** The config {@code json} describes; an {@link InvalidConfigException} naming the field if it is not a valid one. */
    public static FFConfig parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new InvalidConfigException("config", "is not valid JSON (" + firstLine(rootCause(e)) + ")");
        }
        if (!root.isJsonObject()) throw new InvalidConfigException("config", "must be a JSON object, got " + kind(root));
        try {
            JsonFormat.checkTypes(root.getAsJsonObject(), FFConfig.class);
        } catch (JsonFormat.FieldException e) {
            throw new InvalidConfigException(e.field(), e.problem());
        }
        try {
            FFConfig c = JsonFormat.GSON.fromJson(root, FFConfig.class);
            if (root.getAsJsonObject().has("presetName")) return c;
            return c.toBuilder().presetName(NamedPreset.closestTo(c).id()).build();
        } catch (RuntimeException e) {
            // Gson wraps what the record constructors throw; the validation message is the one to show.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidConfigException ice) throw ice;
                // The only other record built on the way is the phase schedule.
                if (t instanceof IllegalArgumentException iae) throw new InvalidConfigException("phases", iae.getMessage());
            }
            throw new InvalidConfigException("config", "cannot be read (" + firstLine(rootCause(e)) + ")");
        }
    }

    private static String kind(JsonElement el) {
        return el.isJsonArray() ? "a list" : el.isJsonNull() ? "null" : "a single value";
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return "no detail";
        return m.lines().findFirst().orElse(m).strip();
    }
}
