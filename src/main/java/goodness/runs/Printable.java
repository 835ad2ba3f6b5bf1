package goodness.runs;

/**
 * Text from files (folder names, run messages, values quoted in a problem) made safe to print:
 * control characters become visible escapes, so a newline cannot forge a listing's line and an
 * escape sequence cannot move the cursor, recolour or retitle the user's terminal.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * {@code s} with newline, carriage return and tab as {@code \n}, {@code \r}, {@code \t}, other
     * control characters (C0, DEL, C1) as {@code \xHH}, and the bidirectional overrides as
     * {@code \u202E} and the like; everything else as it is.
     */
    public static String escape(String s) {
        if (s == null) return "";
        int n = s.length();
        int k = 0;
        while (k < n && !special(s.charAt(k))) k++;
        if (k == n) return s;
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, k);
        for (; k < n; k++) {
            char c = s.charAt(k);
            if (!special(c)) b.append(c);
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x100) b.append(String.format("\\x%02x", (int) c));
            else b.append(String.format("\\u%04X", (int) c));
        }
        return b.toString();
    }

    private static boolean special(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
