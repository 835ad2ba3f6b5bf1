package goodness.ff.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The one JSON form of everything the project writes: configs (also inside model and checkpoint
 * files), the run folder's files and the CLI's {@code --json} output.
 *
 * <p>Writing: records are written component by component in declaration order, under the
 * component's name or its {@code @SerializedName} (configs use the Java names, run files
 * snake_case), and null components are left out, so an optional field is simply absent. NaN and
 * infinities are written as the bare words {@code NaN} and {@code Infinity} (a layer never
 * updated has an update ratio of NaN, a run of unknown duration a wall time of NaN), and text is
 * not HTML-escaped, so a {@code <} or {@code =} in a path or message is written as itself.
 *
 * <p>Reading: {@link #read} checks, before Gson builds a record, that every field present has the
 * JSON type its component needs (an integer field a whole number in range, an enum field one of
 * its constants, a list its elements, a nested record its own fields), so a bad file ends in a
 * {@link FieldException} that names the field, never in a message about the library's own types.
 * Fields the record does not have are ignored, so files written by newer builds still read.
 *
 * <p>An {@link FFConfig} is written without the fields of unsupervised learning when they are off
 * ({@link #OMITTED_WHEN_OFF}): a missing field reads as off, so every other config, model and
 * checkpoint keeps the bytes it had before these fields existed.
 */
public final class JsonFormat {
    /** FFConfig fields left out when false or 0. */
    static final java.util.List<String> OMITTED_WHEN_OFF = java.util.List.of("unsupervised", "readoutEpochs");

    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
            .registerTypeAdapterFactory(new ConfigWithoutOffFields()).create();

    /** Writes FFConfig through Gson's own record adapter, then drops {@link #OMITTED_WHEN_OFF} fields that are off. */
    private static final class ConfigWithoutOffFields implements com.google.gson.TypeAdapterFactory {
        @Override
        @SuppressWarnings("unchecked")
        public <T> com.google.gson.TypeAdapter<T> create(Gson gson, com.google.gson.reflect.TypeToken<T> type) {
            if (type.getRawType() != goodness.ff.FFConfig.class) return null;
            com.google.gson.TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
            com.google.gson.TypeAdapter<JsonElement> elements = gson.getAdapter(JsonElement.class);
            return new com.google.gson.TypeAdapter<>() {
                @Override
                public void write(com.google.gson.stream.JsonWriter out, T value) throws java.io.IOException {
                    JsonElement tree = delegate.toJsonTree(value);
                    if (tree.isJsonObject()) {
                        JsonObject o = tree.getAsJsonObject();
                        for (String f : OMITTED_WHEN_OFF) {
                            JsonElement v = o.get(f);
                            if (v != null && v.isJsonPrimitive() && (v.getAsJsonPrimitive().isBoolean() ? !v.getAsBoolean() : v.getAsDouble() == 0)) o.remove(f);
                        }
                    }
                    elements.write(out, tree);
                }

                @Override
                public T read(com.google.gson.stream.JsonReader in) throws java.io.IOException {
                    return delegate.read(in);
                }
            };
        }
    }

    private JsonFormat() {
    }

    /** A field of a JSON object that does not fit the record it is read into. */
    public static final class FieldException extends IllegalArgumentException {
        private final String field, problem;

        FieldException(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
            this.problem = problem;
        }

        /** The field's path: {@code epoch}, {@code phases.awake}, {@code hiddenSizes[1]}. */
        public String field() {
            return field;
        }

        /** What is wrong with it: "must be a number, got \"x\"". */
        public String problem() {
            return problem;
        }
    }

    /**
     * The record {@code object} describes. A missing or null field takes Java's default (null, 0,
     * false); the caller decides what that means.
     *
     * @throws FieldException if a field present has the wrong JSON type
     */
    public static <T extends Record> T read(JsonObject object, Class<T> type) {
        checkTypes(object, type);
        return GSON.fromJson(object, type);
    }

    /**
     * Checks every field of {@code object} that {@code type} has for the right JSON type, without
     * building the record (whose constructor may validate values on its own).
     *
     * @throws FieldException naming the first field that does not fit
     */
    public static void checkTypes(JsonObject object, Class<? extends Record> type) {
        checkRecord(object, type, "");
    }

    private static void checkRecord(JsonObject obj, Class<?> type, String prefix) {
        for (RecordComponent c : COMPONENTS.get(type)) {
            String key = key(type, c);
            JsonElement el = obj.get(key);
            if (el == null) continue;
            check(el, c.getType(), c.getGenericType(), prefix + key);
        }
    }

    /** The component's JSON name, as Gson finds it: on the record's field, where the annotation lands. */
    private static String key(Class<?> type, RecordComponent c) {
        return KEYS.get(type).get(c.getName());
    }

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    /** Each record type's JSON names by component name, looked up once per type (a listing reads thousands of files). */
    private static final ClassValue<java.util.Map<String, String>> KEYS = new ClassValue<>() {
        @Override
        protected java.util.Map<String, String> computeValue(Class<?> type) {
            java.util.Map<String, String> m = new java.util.HashMap<>();
            for (RecordComponent c : type.getRecordComponents()) m.put(c.getName(), lookUpKey(type, c));
            return m;
        }
    };

    private static String lookUpKey(Class<?> type, RecordComponent c) {
        try {
            SerializedName named = type.getDeclaredField(c.getName()).getAnnotation(SerializedName.class);
            return named != null ? named.value() : c.getName();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("the record " + type.getName() + " has no field for its component " + c.getName(), e);
        }
    }

    private static void check(JsonElement el, Class<?> type, Type generic, String field) {
        if (JsonElement.class.isAssignableFrom(type)) return; // kept as JSON, not read
        if (el.isJsonNull()) {
            if (type.isPrimitive()) throw new FieldException(field, "is null; expected " + type.getSimpleName());
            return; // the caller says what a missing value means
        }
        if (type == int.class || type == Integer.class) integral(el, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
        else if (type == long.class || type == Long.class) integral(el, field, Long.MIN_VALUE, Long.MAX_VALUE);
        else if (type == double.class || type == Double.class) number(el, field);
        else if (type == boolean.class || type == Boolean.class) {
            if (!(el.isJsonPrimitive() && el.getAsJsonPrimitive().isBoolean()))
                throw new FieldException(field, "must be true or false, got " + shortText(el));
        } else if (type == String.class) {
            if (!(el.isJsonPrimitive() && el.getAsJsonPrimitive().isString()))
                throw new FieldException(field, "must be a string, got " + shortText(el));
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            boolean known = el.isJsonPrimitive() && el.getAsJsonPrimitive().isString()
                    && Arrays.stream(constants).anyMatch(k -> ((Enum<?>) k).name().equals(el.getAsString()));
            if (!known) throw new FieldException(field, "must be one of " + Arrays.toString(constants) + ", got " + shortText(el));
        } else if (type == List.class) {
            if (!el.isJsonArray()) throw new FieldException(field, "must be a list, got " + shortText(el));
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            JsonArray array = el.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isJsonNull()) throw new FieldException(field + "[" + i + "]", "is null");
                check(array.get(i), (Class<?>) element, element, field + "[" + i + "]");
            }
        } else if (type.isRecord()) {
            if (!el.isJsonObject()) throw new FieldException(field, "must be an object, got " + shortText(el));
            checkRecord(el.getAsJsonObject(), type, field + ".");
        } else {
            throw new IllegalStateException("JsonFormat does not know the type " + type + " of " + field);
        }
    }

    private static void integral(JsonElement el, String field, long min, long max) {
        BigDecimal v = decimal(el, field);
        boolean whole = v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
        if (!whole || v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0)
            throw new FieldException(field, "must be a whole number in " + min + ".." + max + ", got " + shortText(el));
    }

    private static BigDecimal decimal(JsonElement el, String field) {
        if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()) {
            try {
                return new BigDecimal(el.getAsString());
            } catch (NumberFormatException e) {
                // NaN or Infinity written as a number: not a whole number
            }
        }
        throw new FieldException(field, "must be a number, got " + shortText(el));
    }

    /** A number, or NaN / Infinity / -Infinity, which are read as words. */
    private static void number(JsonElement el, String field) {
        if (el.isJsonPrimitive()) {
            JsonPrimitive p = el.getAsJsonPrimitive();
            String s = p.getAsString();
            if (p.isNumber() || s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
                try {
                    Double.parseDouble(s);
                    return; // finite or not: the caller decides
                } catch (NumberFormatException e) {
                    // falls through
                }
            }
        }
        throw new FieldException(field, "must be a number, got " + shortText(el));
    }

    private static String shortText(JsonElement el) {
        String s = el.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
