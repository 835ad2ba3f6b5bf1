package goodness.runs;

import goodness.data.DataFileException;
import goodness.data.UserFiles;
import goodness.ff.io.AtomicFiles;
import goodness.ff.io.CheckpointException;
import goodness.ff.io.Checkpoints;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A run as one file: a zip archive holding one folder, named after the run, with the run's files
 * ({@link #FILES}: its config, status, metrics, events, result, and its checkpoint and model as
 * present). {@code run.lock}, temporary files and any other file of the folder are left out.
 *
 * <p><b>Export</b> refuses a run that a training process holds (its {@code run.lock} is locked)
 * and a run the store cannot read; the archive is written to a temporary file next to the target
 * and renamed over it, so an interrupted export leaves no half archive.
 *
 * <p><b>Import</b> treats the archive as hostile: everything is checked before a byte lands in
 * the store, sizes are counted while unpacking (the sizes an archive declares are not trusted),
 * the run is unpacked into a hidden temporary folder of the store ({@code .import-*}, which the
 * store does not list), read back with the store's own readers, and only then renamed into place
 * in one step. Anything refused is one line naming the archive and the reason, and the store is
 * left as it was. A name that is taken gets {@code -2}, {@code -3}, ... as new runs do
 * ({@link RunStore#newRunFolder}). The imported run records where it came from in
 * {@code imported.json} ({@link RunImport}).
 */
public final class RunArchive {
    /** The files an archive may hold, in the order they are written. */
    public static final List<String> FILES = List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.METRICS, RunFolder.METRICS_CSV,
            RunFolder.EVENTS, RunFolder.RESULT, RunFolder.CHECKPOINT, RunFolder.MODEL);
    /** Entries an archive may have: the run's folder and its files, with room to spare. */
    public static final int MAX_ENTRIES = 16;
    /** Unpacked bytes of {@code checkpoint.bin} or {@code model.ffm}. */
    public static final long MAX_BINARY_BYTES = 1L << 30;
    /** Unpacked bytes of the whole run. */
    public static final long MAX_TOTAL_BYTES = 2L << 30;
    /** The prefix of the store's temporary import folders (hidden from listings; left over ones are removed after a day). */
    static final String TEMP_PREFIX = ".import-";

    /** The caps an import checks (tests use small ones). */
    record Limits(int entries, long jsonBytes, long linesBytes, long binaryBytes, long totalBytes) {
        static final Limits DEFAULT = new Limits(MAX_ENTRIES, StoreFiles.MAX_JSON, StoreFiles.MAX_LINES, MAX_BINARY_BYTES, MAX_TOTAL_BYTES);

        long cap(String file) {
            if (file.equals(RunFolder.CHECKPOINT) || file.equals(RunFolder.MODEL)) return binaryBytes;
            if (file.endsWith(".json")) return jsonBytes;
            return linesBytes;
        }
    }

    private RunArchive() {
    }

    /** What an export wrote: the archive, the run, its files (in the archive's order) and their bytes. */
    public record Exported(Path archive, String name, List<String> files, long bytes) {
    }

    /** An imported run: its summary (under its name in the store) and its name in the archive. */
    public record Imported(RunSummary run, String originalName) {
        /** Whether the store already had a run of the archive's name, so it got another. */
        public boolean renamed() {
            return !run.name().equals(originalName);
        }
    }

    /** Whether {@code name} is a temporary import folder of a store (never a run). */
    public static boolean isImportTemporary(String name) {
        return name.startsWith(TEMP_PREFIX);
    }

    // ---------------------------------------------------------------------------------------- export

    /**
     * Writes run {@code name} of {@code store} to the zip file {@code to}, whole or not at all.
     *
     * @throws RunFileException  if there is no such run, it cannot be read, a training process holds it,
     *                           one of its files is not a plain file or larger than an import accepts
     * @throws DataFileException if {@code to} is a folder, a pipe or a device, one of the run's files, or in the run's folder
     */
    public static Exported export(RunStore store, String name, Path to) {
        StoredRun run = store.load(name);   // the store's checks: an archive of a damaged run would not import
        Path dir = run.folder();
        refuseIfClaimed(dir);
        List<Path> inputs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        long total = 0;
        for (String f : FILES) {
            Path p = dir.resolve(f);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new RunFileException(p, "cannot read: " + StoreFiles.reason(e), e);
            }
            if (!a.isRegularFile()) throw new RunFileException(p, "is not a plain file (a link, pipe, device or folder); it cannot be exported");
            long cap = Limits.DEFAULT.cap(f);
            if (a.size() > cap)
                throw new RunFileException(p, "is " + a.size() + " bytes, more than the " + megabytes(cap) + " an import accepts");
            inputs.add(p);
            files.add(f);
            total += a.size();
        }
        if (total > MAX_TOTAL_BYTES)
            throw new RunFileException(dir, "holds " + total + " bytes, more than the " + megabytes(MAX_TOTAL_BYTES) + " an import accepts");
        UserFiles.checkOutput(to, inputs);
        Path parent = to.toAbsolutePath().normalize().getParent();
        if (parent != null && sameFolder(parent, dir))
            throw new DataFileException(to, "is in the run's own folder; choose a file outside it");
        Path target = to;
        Path tmp = null;
        try {
            if (Files.exists(to)) target = to.toRealPath();
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".part");
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE));
                 ZipOutputStream zip = new ZipOutputStream(os)) {
                ZipEntry folder = new ZipEntry(name + "/");
                folder.setLastModifiedTime(Files.getLastModifiedTime(dir));
                zip.putNextEntry(folder);
                zip.closeEntry();
                for (String f : files) {
                    Path p = dir.resolve(f);
                    ZipEntry e = new ZipEntry(name + "/" + f);
                    e.setLastModifiedTime(Files.getLastModifiedTime(p));
                    zip.putNextEntry(e);
                    Files.copy(p, zip);
                    zip.closeEntry();
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            readableByAll(tmp);
            // A training process that claimed the run meanwhile may have changed files under the copy.
            refuseIfClaimed(dir);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            AtomicFiles.forceFolder(target.toAbsolutePath().getParent());
            return new Exported(to, name, List.copyOf(files), Files.size(target));
        } catch (IOException e) {
            throw new DataFileException(to, "cannot write it: " + StoreFiles.reason(e), e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    private static void refuseIfClaimed(Path dir) {
        if (RunStore.isLocked(dir))
            throw new RunFileException(dir, "is being trained (a process holds its run.lock); export it once it has stopped or finished");
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b.toAbsolutePath().normalize());
        }
    }

    // ---------------------------------------------------------------------------------------- import

    /**
     * Imports the run in {@code archive} into {@code store} (created if it does not exist).
     *
     * @throws RunFileException "ARCHIVE: not imported: REASON", the store left as it was
     */
    public static Imported importRun(RunStore store, Path archive) {
        return importRun(store, archive, Limits.DEFAULT);
    }

    static Imported importRun(RunStore store, Path archive, Limits limits) {
        try {
            return new ArchiveImport(store, archive, limits).run();
        } catch (ArchiveDirectory.Refused e) {
            throw new RunFileException(archive, "not imported: " + e.getMessage());
        }
    }

    /** One import: the archive checked, unpacked into a temporary folder, read back, renamed into place. */
    private static final class ArchiveImport {
        private final RunStore store;
        private final Path archive;
        private final Limits limits;
        private String root;

        ArchiveImport(RunStore store, Path archive, Limits limits) {
            this.store = store;
            this.archive = archive;
            this.limits = limits;
        }

        Imported run() {
            if (!Files.exists(archive)) throw refused("no such file");
            if (Files.isDirectory(archive)) throw refused("is a folder, not an archive");
            if (!Files.isRegularFile(archive)) throw refused("is not a regular file (a pipe, device or socket?)");
            List<ArchiveDirectory.Entry> entries;
            try {
                entries = ArchiveDirectory.read(archive, limits.entries());
            } catch (IOException e) {
                throw refused("cannot read it: " + StoreFiles.reason(e));
            }
            List<ArchiveDirectory.Entry> files = check(entries);
            Path tmp = null;
            try {
                Files.createDirectories(store.root());
                removeStaleTemporaries(store.root());
                tmp = newTemporaryFolder(store.root());
                unpack(files, tmp);
                validate(tmp);
                RunImport provenance = new RunImport(String.valueOf(archive.getFileName()), Instant.now(), root);
                AtomicFiles.writeString(tmp.resolve(RunFolder.IMPORTED), RunJson.GSON.toJson(RunJson.imported(provenance)));
                String name = place(tmp);
                tmp = null;
                return new Imported(store.load(name).summary(), root);
            } catch (IOException e) {
                throw refused("cannot write into " + store.root() + ": " + StoreFiles.reason(e));
            } finally {
                if (tmp != null) deleteTreeQuietly(tmp);
            }
        }

        private ArchiveDirectory.Refused refused(String reason) {
            return new ArchiveDirectory.Refused(reason);
        }

        /** The archive's layout: one folder holding run files only, each once and of a plain kind; returns the files. */
        private List<ArchiveDirectory.Entry> check(List<ArchiveDirectory.Entry> entries) {
            if (entries.isEmpty()) throw refused("is empty; a run archive holds one run folder");
            Set<String> seen = new HashSet<>();
            List<ArchiveDirectory.Entry> files = new ArrayList<>();
            long declared = 0;
            for (ArchiveDirectory.Entry e : entries) {
                String n = e.name();
                if (!seen.add(n)) throw refused("has the entry '" + n + "' twice");
                if (n.startsWith("/") || n.contains("\\") || n.contains(":") || n.isEmpty() || hasDotSegment(n))
                    throw refused("has the entry '" + n + "', which points outside the run folder");
                if (e.kind() == ArchiveDirectory.Kind.LINK) throw refused("has the entry '" + n + "', a symbolic link; a run archive holds plain files only");
                if (e.kind() == ArchiveDirectory.Kind.SPECIAL)
                    throw refused("has the entry '" + n + "', which is not a plain file (a pipe or device); a run archive holds plain files only");
                String[] parts = (e.kind() == ArchiveDirectory.Kind.FOLDER && n.endsWith("/") ? n.substring(0, n.length() - 1) : n).split("/", -1);
                if (parts.length == 1 && e.kind() == ArchiveDirectory.Kind.FILE)
                    throw refused("is not a run archive: '" + n + "' is not in a run folder (export a run with: goodness runs export NAME --to FILE.zip)");
                if (root == null) root = parts[0];
                else if (!root.equals(parts[0])) throw refused("is not a run archive: it holds more than one folder ('" + root + "', '" + parts[0] + "')");
                if (parts.length > 2 || parts.length == 2 && e.kind() == ArchiveDirectory.Kind.FOLDER)
                    throw refused("is not a run archive: '" + n + "' is in a subfolder; a run folder holds files only");
                if (e.kind() == ArchiveDirectory.Kind.FOLDER) continue;
                if (!FILES.contains(parts[1])) throw refused("has the entry '" + n + "', which is not a run file (" + String.join(", ", FILES) + ")");
                if (e.size() > limits.cap(parts[1])) throw tooLarge(n, parts[1]);
                declared += e.size();
                if (declared > limits.totalBytes()) throw tooLargeInAll();
                files.add(e);
            }
            try {
                RunStore.checkName(root);
                if (isImportTemporary(root)) throw new IllegalArgumentException("a store's temporary folder");
            } catch (IllegalArgumentException ex) {
                throw refused("is not a run archive: its folder '" + root + "' is not a valid run name");
            }
            if (files.stream().noneMatch(e -> e.name().equals(root + "/" + RunFolder.CONFIG)))
                throw refused("is not a run archive: its folder '" + root + "' holds no " + RunFolder.CONFIG);
            return files;
        }

        private static boolean hasDotSegment(String name) {
            for (String s : name.split("/", -1)) if (s.equals(".") || s.equals("..")) return true;
            return name.contains("//");
        }

        private ArchiveDirectory.Refused tooLarge(String entry, String file) {
            return refused("has the entry '" + entry + "', which unpacks to more than the " + megabytes(limits.cap(file)) + " a run's " + file + " may have");
        }

        private ArchiveDirectory.Refused tooLargeInAll() {
            return refused("unpacks to more than the " + megabytes(limits.totalBytes()) + " a run archive may hold in all");
        }

        /** Copies each file into {@code tmp}, counting the bytes (not trusting the declared sizes) and checking each checksum. */
        private void unpack(List<ArchiveDirectory.Entry> files, Path tmp) throws IOException {
            long total = 0;
            byte[] buf = new byte[1 << 16];
            ZipFile zip;
            try {
                zip = new ZipFile(archive.toFile());
            } catch (java.util.zip.ZipException e) {
                throw ArchiveDirectory.notZip();
            }
            try (zip) {
                for (ArchiveDirectory.Entry e : files) {
                    String file = e.name().substring(root.length() + 1);
                    ZipEntry z = zip.getEntry(e.name());
                    if (z == null || z.isDirectory()) throw ArchiveDirectory.notZip();
                    long cap = limits.cap(file), n = 0;
                    CRC32 crc = new CRC32();
                    Path out = tmp.resolve(file);
                    try (InputStream in = openEntry(zip, z);
                         OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        for (int k; (k = readEntry(in, buf, e.name())) > 0; ) {
                            n += k;
                            total += k;
                            if (n > cap) throw tooLarge(e.name(), file);
                            if (total > limits.totalBytes()) throw tooLargeInAll();
                            crc.update(buf, 0, k);
                            os.write(buf, 0, k);
                        }
                    }
                    if (n != e.size() || crc.getValue() != e.crc())
                        throw refused("has the entry '" + e.name() + "', which is damaged (its size or checksum does not match its header)");
                    if (z.getLastModifiedTime() != null) Files.setLastModifiedTime(out, z.getLastModifiedTime());
                    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }

        private InputStream openEntry(ZipFile zip, ZipEntry z) {
            try {
                return zip.getInputStream(z);
            } catch (IOException e) {
                throw refused("has the entry '" + z.getName() + "', which is damaged (its data cannot be unpacked)");
            }
        }

        private int readEntry(InputStream in, byte[] buf, String entry) {
            try {
                int k = in.read(buf);
                return Math.max(k, 0);
            } catch (IOException e) {
                throw refused("has the entry '" + entry + "', which is damaged (its data cannot be unpacked)");
            }
        }

        /** The store's own readers on the unpacked run, and its checkpoint and model decoded; problems named by the archive's entry. */
        private void validate(Path tmp) {
            String prefix = tmp + java.io.File.separator;
            try {
                StoredRun run = store.load(tmp.getFileName().toString());
                if (run.checkpoint() != null) sameRun(run, Checkpoints.loadState(run.checkpoint()).config(), RunFolder.CHECKPOINT);
                if (run.model() != null) sameRun(run, Checkpoints.loadModel(run.model()).config(), RunFolder.MODEL);
            } catch (RunFileException | CheckpointException | DataFileException e) {
                String m = String.valueOf(e.getMessage());
                if (m.startsWith(prefix)) m = root + "/" + m.substring(prefix.length());
                else if (m.startsWith(tmp.toString())) m = root + m.substring(tmp.toString().length());
                throw refused("its run fails the store's checks: " + m);
            } catch (ArchiveDirectory.Refused e) {
                throw e;
            } catch (RuntimeException e) {   // a check the store's readers do not name yet: still one line
                throw refused("its run cannot be read back by the store");
            }
        }

        private void sameRun(StoredRun run, goodness.ff.FFConfig other, String file) {
            String differs = ResumeTarget.identityDifference(run.config(), other);
            if (differs != null)
                throw refused("its run fails the store's checks: " + root + "/" + file + " holds another run than its " + RunFolder.CONFIG + " (" + differs + ")");
        }

        /** Renames {@code tmp} to the run's name, or the first free NAME-2, NAME-3, ...; returns the name. */
        private String place(Path tmp) throws IOException {
            for (int i = 1; i <= 10_000; i++) {
                String suffix = i == 1 ? "" : "-" + i;
                String name = root.length() + suffix.length() <= RunStore.MAX_NAME ? root + suffix
                        : root.substring(0, RunStore.MAX_NAME - suffix.length()) + suffix;
                Path target = store.root().resolve(name);
                try {
                    Files.createDirectory(target);   // claims the name atomically, as a new run's folder does
                } catch (FileAlreadyExistsException e) {
                    continue;
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // Where a folder cannot replace an empty one (Windows), the name is let go and
                    // taken by the rename itself, which there fails if another took it meanwhile.
                    deleteQuietly(target);
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException taken) {
                        continue;
                    }
                }
                AtomicFiles.forceFolder(store.root());
                return name;
            }
            throw refused("cannot be imported: no free name left for " + root + " in " + store.root());
        }
    }

    /** A new hidden folder in the store for one import (made as run folders are, so it gets their permissions). */
    private static Path newTemporaryFolder(Path root) throws IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int attempt = 0; ; attempt++) {
            Path p = root.resolve(TEMP_PREFIX + Long.toUnsignedString(random.nextLong(), 36));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    /** Removes temporary import folders left by a process that died more than a day ago. */
    private static void removeStaleTemporaries(Path root) {
        Instant before = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, TEMP_PREFIX + "*")) {
            for (Path p : s)
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.getLastModifiedTime(p).toInstant().isBefore(before))
                    deleteTreeQuietly(p);
        } catch (IOException ignored) {
            // only housekeeping: the import goes on
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 1L << 30 ? (bytes >> 30) + " GB" : bytes >= 1L << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the failure's own message is what the user sees
        }
    }

    private static void deleteTreeQuietly(Path dir) {
        try {
            RunStore.deleteTree(dir);
        } catch (IOException ignored) {
            // best effort: the failure's own message is what the user sees
        }
    }
}
