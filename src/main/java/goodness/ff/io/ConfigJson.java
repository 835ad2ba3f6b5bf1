package goodness.ff.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;
import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import goodness.ff.NamedPreset;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an {@link FFConfig} from JSON as if the text were hand-made: before Gson builds the
 * record, every field present is checked to have the right JSON type (an integer field holds a
 * whole number in range, an enum field one of its constants, a list its elements), so a bad file
 * ends as an {@link InvalidConfigException} naming the field, never as Gson's "Failed to invoke
 * constructor" or a {@code NumberFormatException}. The record's own validation then runs in its
 * canonical constructor. A missing field takes Java's default (null, 0, false), which that
 * validation refuses where it matters, so files written before a field existed still read. A
 * config written before configs named their preset ({@code presetName}) gets the name of the
 * preset it matches most closely ({@link NamedPreset#closestTo}), so an early hinton-plus run
 * still lists as hinton-plus.
 */
public final class ConfigJson {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

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
        checkRecord(root.getAsJsonObject(), FFConfig.class, "");
        try {
            FFConfig c = GSON.fromJson(root, FFConfig.class);
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

    private static void checkRecord(JsonObject obj, Class<?> type, String prefix) {
        for (RecordComponent c : type.getRecordComponents()) {
            SerializedName named = c.getAnnotation(SerializedName.class);
            String key = named != null ? named.value() : c.getName();
            JsonElement el = obj.get(key);
            if (el == null) continue;
            check(el, c.getType(), c.getGenericType(), prefix + key);
        }
    }

    private static void check(JsonElement el, Class<?> type, Type generic, String field) {
        if (el.isJsonNull()) {
            if (type.isPrimitive()) throw new InvalidConfigException(field, "is null; expected " + type.getSimpleName());
            return; // the record's validation says what a missing value means
        }
        if (type == int.class || type == Integer.class) integral(el, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
        else if (type == long.class || type == Long.class) integral(el, field, Long.MIN_VALUE, Long.MAX_VALUE);
        else if (type == double.class || type == Double.class) number(el, field);
        else if (type == boolean.class || type == Boolean.class) {
            if (!(el.isJsonPrimitive() && el.getAsJsonPrimitive().isBoolean()))
                throw new InvalidConfigException(field, "must be true or false, got " + shortText(el));
        } else if (type == String.class) {
            if (!(el.isJsonPrimitive() && el.getAsJsonPrimitive().isString()))
                throw new InvalidConfigException(field, "must be a string, got " + shortText(el));
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            boolean known = el.isJsonPrimitive() && el.getAsJsonPrimitive().isString()
                    && Arrays.stream(constants).anyMatch(k -> ((Enum<?>) k).name().equals(el.getAsString()));
            if (!known) throw new InvalidConfigException(field, "must be one of " + Arrays.toString(constants) + ", got " + shortText(el));
        } else if (type == List.class) {
            if (!el.isJsonArray()) throw new InvalidConfigException(field, "must be a list, got " + shortText(el));
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            JsonArray array = el.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isJsonNull()) throw new InvalidConfigException(field + "[" + i + "]", "is null");
                check(array.get(i), (Class<?>) element, element, field + "[" + i + "]");
            }
        } else if (type.isRecord()) {
            if (!el.isJsonObject()) throw new InvalidConfigException(field, "must be an object, got " + shortText(el));
            checkRecord(el.getAsJsonObject(), type, field + ".");
        } else {
            throw new IllegalStateException("ConfigJson does not know the type " + type + " of " + field);
        }
    }

    private static void integral(JsonElement el, String field, long min, long max) {
        BigDecimal v = decimal(el, field);
        boolean whole = v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
        if (!whole || v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0)
            throw new InvalidConfigException(field, "must be a whole number in " + min + ".." + max + ", got " + shortText(el));
    }

    private static BigDecimal decimal(JsonElement el, String field) {
        if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()) {
            try {
                return new BigDecimal(el.getAsString());
            } catch (NumberFormatException e) {
                // NaN or Infinity written as a number: not a whole number
            }
        }
        throw new InvalidConfigException(field, "must be a number, got " + shortText(el));
    }

    private static void number(JsonElement el, String field) {
        if (el.isJsonPrimitive()) {
            JsonPrimitive p = el.getAsJsonPrimitive();
            String s = p.getAsString();
            if (p.isNumber() || s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
                try {
                    Double.parseDouble(s);
                    return; // finite or not: the record's validation decides
                } catch (NumberFormatException e) {
                    // falls through
                }
            }
        }
        throw new InvalidConfigException(field, "must be a number, got " + shortText(el));
    }

    private static String kind(JsonElement el) {
        return el.isJsonArray() ? "a list" : el.isJsonNull() ? "null" : "a single value";
    }

    private static String shortText(JsonElement el) {
        String s = el.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
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
