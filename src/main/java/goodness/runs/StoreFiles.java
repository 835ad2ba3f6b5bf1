package goodness.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading a run folder's files as user files: only a regular file is opened (a pipe, a device
 * or a folder in its place is refused before anything blocks on it), its size is checked
 * against a cap before reading and again while reading (a file that grows, or lies about its
 * size, stops at the cap), and its text must be UTF-8. Every problem is a
 * {@link RunFileException} in the user's words.
 */
final class StoreFiles {
    /** {@code config.json}, {@code run.json}, {@code result.json}: a few kilobytes when written by Goodness. */
    static final long MAX_JSON = 1L << 20;
    /** {@code metrics.jsonl}, {@code events.jsonl}: about 2 kB an epoch, so a run of 10,000 epochs stays far below. */
    static final long MAX_LINES = 64L << 20;

    private StoreFiles() {
    }

    /** What is at {@code file}, following links; null if nothing is there. */
    static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException e) {
            if (Files.isSymbolicLink(file)) throw new RunFileException(file, "is a link to nothing");
            return null;
        } catch (IOException e) {
            throw new RunFileException(file, "cannot read: " + reason(e), e);
        }
    }

    /** Whether a file (of any kind, or a link) is at {@code file}. */
    static boolean present(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** The file's bytes, or null if it does not exist. */
    static byte[] readBytes(Path file, long cap) {
        Bytes b = readInto(file, cap, new byte[0]);
        return b == null ? null : b.bytes().length == b.length() ? b.bytes() : java.util.Arrays.copyOf(b.bytes(), b.length());
    }

    /** A file's bytes in a buffer that may be longer: {@code bytes[0..length)}. */
    record Bytes(byte[] bytes, int length) {
    }

    /**
     * The file's bytes, or null if it does not exist, read into {@code buffer} if it is large
     * enough (a listing reads thousands of files: one buffer per thread instead of one array per
     * file); the returned {@link Bytes#bytes()} is that buffer or a larger one to keep for the next.
     */
    static Bytes readInto(Path file, long cap, byte[] buffer) {
        BasicFileAttributes a = attributes(file);
        if (a == null) return null;
        checkRegular(file, a);
        if (a.size() > cap) throw tooLarge(file, a.size(), cap);
        byte[] b = buffer.length > a.size() ? buffer : new byte[(int) Math.min(cap + 1, a.size() + (buffer.length == 0 ? 1 : a.size() / 4 + 4096))];
        try (InputStream in = Files.newInputStream(file)) {
            int n = 0;
            while (true) {
                int k = in.read(b, n, b.length - n);
                if (k < 0) return new Bytes(b, n);
                n += k;
                if (n > cap) throw tooLarge(file, n, cap);
                if (n == b.length) b = java.util.Arrays.copyOf(b, (int) Math.min(cap + 1, 2L * b.length)); // it grew while read
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new RunFileException(file, "cannot read: " + reason(e), e);
        }
    }

    /** The file's text, or null if it does not exist. */
    static String readText(Path file, long cap) {
        byte[] b = readBytes(file, cap);
        return b == null ? null : utf8(file, b);
    }

    static String utf8(Path file, byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new RunFileException(file, "is not UTF-8 text");
        }
    }

    /** Refuses anything but a regular file: a folder, a pipe, a device, a socket. */
    static void checkRegular(Path file, BasicFileAttributes a) {
        if (a.isRegularFile()) return;
        String what = a.isDirectory() ? "a folder" : a.isOther() ? "a pipe, device or socket" : "not a regular file";
        throw new RunFileException(file, "is " + what + ", not a file; a run folder holds only plain files");
    }

    private static RunFileException tooLarge(Path file, long size, long cap) {
        return new RunFileException(file, "is larger than the " + (cap >> 20) + " MB a run file of this kind may have (" + size + " bytes)");
    }

    /** An I/O failure in the user's words: "permission denied", "no such file", the system's reason. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof NotDirectoryException) return "not a folder";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : m.lines().findFirst().orElse(m);
    }
}
