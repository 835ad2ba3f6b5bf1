package goodness.cli;

import goodness.runs.RunFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code goodness runs} on a store with a run folder its user cannot read, with the operating
 * system refusing the folder (no stand-in): the folder is a row marked unreadable and the other
 * run is listed as usual. As root, for whom permissions do not bite, the command runs as user
 * nobody (through util-linux's {@code setpriv}) on a folder that is {@code chmod 700} root's;
 * as any other user, in-process on a folder that is {@code chmod 000}.
 */
class RunsUnreadableFolderCliTest {
    private static final int NOBODY = 65534;
    private static final Set<PosixFilePermission> OPEN = PosixFilePermissions.fromString("rwxr-xr-x");

    @TempDir
    Path tmp;

    @Test
    void aRunFolderTheUserCannotReadIsListedAsUnreadableBesideTheOthers() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "Unix permissions and setpriv as on Linux");
        Files.setPosixFilePermissions(tmp, OPEN);
        Path store = Files.createDirectories(tmp.resolve("store"));
        Files.setPosixFilePermissions(store, OPEN);
        RunFolders.finished(store.resolve("good"), 3);
        Path secret = RunFolders.finished(store.resolve("secret"), 3);
        openUp(store.resolve("good"));

        String out;
        if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
            out = runsAsNobody(store);
        } else {
            Files.setPosixFilePermissions(secret, Set.of());
            try {
                CliRunner.Result r = CliRunner.run("runs", "--runs-dir", store.toString());
                assertEquals(0, r.code(), r.err());
                out = r.out();
            } finally {
                Files.setPosixFilePermissions(secret, OPEN);
            }
        }

        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), "the header, the run and the unreadable folder:\n" + out);
        assertTrue(lines.get(1).startsWith("good ") && lines.get(1).contains("finished"), out);
        assertTrue(lines.get(2).startsWith("secret ") && lines.get(2).contains("unreadable")
                && lines.get(2).contains("cannot read the folder: permission denied"), out);
    }

    /** {@code goodness runs --runs-dir store} in a JVM of user nobody; its stdout. */
    private String runsAsNobody(Path store) throws Exception {
        Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("the tests run as root, so this one runs `goodness runs` as user nobody through setpriv"
                        + " (util-linux), which is not installed: install util-linux, or run the tests as another user"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertTrue(readableByOthers(java), java + " cannot be run by user nobody");
        List<String> cmd = new ArrayList<>(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                java.toString(), "-XX:-UsePerfData", "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + tmp,
                "-cp", classPathForOthers(), GoodnessCli.class.getName(), "runs", "--runs-dir", store.toString()));
        Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("goodness runs as user nobody did not end within 60 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertEquals("goodness: unreadable: " + store.resolve("secret") + ": cannot read the folder: permission denied", stderr.strip());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /**
     * The test class path as user nobody can read it: entries others can read as they are, other
     * jars hard-linked (or copied) into the test's folder, other folders copied.
     */
    private String classPathForOthers() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cp"));
        Files.setPosixFilePermissions(dir, OPEN);
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            if (!Files.exists(p) || p.getFileName().toString().equals("test-classes")) continue;
            if (readableByOthers(p)) {
                cp.add(p.toString());
                continue;
            }
            Path copy = dir.resolve((i++) + "-" + p.getFileName());
            if (Files.isDirectory(p)) copyTree(p, copy);
            else {
                try {
                    Files.createLink(copy, p);
                } catch (IOException | UnsupportedOperationException notOnThisDisk) {
                    Files.copy(p, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            }
            cp.add(copy.toString());
        }
        return String.join(File.pathSeparator, cp);
    }

    /** Whether others may read {@code p} (and look into it, if a folder) and pass through every folder above it. */
    private static boolean readableByOthers(Path p) throws IOException {
        Set<PosixFilePermission> own = Files.getPosixFilePermissions(p);
        if (!own.contains(PosixFilePermission.OTHERS_READ) || Files.isDirectory(p) && !own.contains(PosixFilePermission.OTHERS_EXECUTE)) return false;
        for (Path up = p.toRealPath().getParent(); up != null; up = up.getParent())
            if (!Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) return false;
        return true;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
        openUp(to);
    }

    /** Every folder under {@code dir} rwxr-xr-x and every file rw-r--r--, whatever the umask. */
    private static void openUp(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.toList())
                Files.setPosixFilePermissions(f, Files.isDirectory(f) ? OPEN : PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
