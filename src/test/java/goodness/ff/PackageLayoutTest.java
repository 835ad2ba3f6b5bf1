package goodness.ff;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's folders depend on each other in one direction only, as the README's "How it is
 * built" draws them: the core ({@code goodness.ff}) on nothing of the engine, negatives and
 * scoring on the core and the backends, training on those, io on training; the backends on
 * nothing of the project, and the bench classes only on the backends. No engine file imports
 * JavaFX or AWT. Checked on the sources' imports and fully qualified names.
 */
class PackageLayoutTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** Each package of the engine, and the project packages it may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "goodness.ff", Set.of("goodness.data"),
            "goodness.ff.backend", Set.of(),
            "goodness.ff.negatives", Set.of("goodness.data", "goodness.ff"),
            "goodness.ff.scoring", Set.of("goodness.data", "goodness.ff", "goodness.ff.backend"),
            "goodness.ff.training", Set.of("goodness.data", "goodness.ff", "goodness.ff.backend",
                    "goodness.ff.negatives", "goodness.ff.scoring"),
            "goodness.ff.io", Set.of("goodness.data", "goodness.ff", "goodness.ff.training"),
            "goodness.bench", Set.of("goodness.ff.backend"));

    /** A use of a project class: {@code goodness.<packages>.<Class>} in an import or in code. */
    private static final Pattern USE = Pattern.compile("\\bgoodness((?:\\.[a-z]\\w*)+)\\.[A-Z]");
    private static final Pattern UI_IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(javafx|java\\.awt)\\.", Pattern.MULTILINE);

    @Test
    void everyEnginePackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            for (Path f : sources(e.getKey())) {
                files++;
                String code = withoutComments(Files.readString(f));
                Matcher m = USE.matcher(code);
                while (m.find()) {
                    String used = "goodness" + m.group(1);
                    if (!used.equals(e.getKey()) && !e.getValue().contains(used)) violations.add(f + " uses " + used);
                }
                if (e.getKey().startsWith("goodness.ff") && UI_IMPORT.matcher(code).find()) violations.add(f + " imports a UI toolkit");
            }
        }
        assertTrue(files > 40, "found only " + files + " engine sources under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), violations);
    }

    @Test
    void everyEngineFolderIsInTheLayout() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES.resolve("goodness/ff"))) {
            List<String> unknown = dirs.filter(Files::isDirectory)
                    .map(d -> SOURCES.relativize(d).toString().replace('/', '.').replace('\\', '.'))
                    .filter(p -> !ALLOWED.containsKey(p)).toList();
            assertEquals(List.of(), unknown, "a new engine package needs its place in the layout (and in the README)");
        }
    }

    @Test
    void theCheckSeesAViolation() {
        Matcher m = USE.matcher(withoutComments("import goodness.ff.io.Checkpoints; // goodness.ui.Foo\n/** {@link goodness.service.Bar} */ x = goodness.runs.RunJson.parse(s);"));
        List<String> used = new ArrayList<>();
        while (m.find()) used.add("goodness" + m.group(1));
        assertEquals(List.of("goodness.ff.io", "goodness.runs"), used);
    }

    private static List<Path> sources(String pkg) throws IOException {
        Path dir = SOURCES.resolve(pkg.replace('.', '/'));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The source without its comments (a class named in a comment is no dependency); strings are kept. */
    private static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c) j += src.charAt(j) == '\\' ? 2 : 1;
                out.append(src, i, Math.min(n, j + 1));
                i = j + 1;
            } else if (src.startsWith("//", i)) {
                int j = src.indexOf('\n', i);
                i = j < 0 ? n : j;
            } else if (src.startsWith("/*", i)) {
                int j = src.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
