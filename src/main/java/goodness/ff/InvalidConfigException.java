package goodness.ff;

/** A hyper-parameter value that cannot work; the message names the field and the reason. */
public final class InvalidConfigException extends IllegalArgumentException {
    private final String field;

    public InvalidConfigException(String field, String why) {
        super("invalid " + field + ": " + why);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
