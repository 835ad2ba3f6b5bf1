package goodness.runs;

import goodness.ff.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reading and appending JSON-lines files ({@code metrics.jsonl}, {@code events.jsonl}). A line
 * is complete once its newline is on disk: appends write the line and its newline in one
 * {@code write} and force it, so the only damage a crash can leave is an incomplete last line
 * without its newline, which readers skip. Any other unreadable line is damage and is refused.
 */
final class JsonLines {
    /** Files larger than this are refused before reading (a run of 100,000 epochs stays far below). */
    static final long MAX_BYTES = 256L << 20;

    private JsonLines() {
    }

    /** Parses every complete line of {@code file} (none if it does not exist). */
    static <T> List<T> read(Path file, BiFunction<String, String, T> parse) {
        List<T> out = new ArrayList<>();
        // A regular file under the cap only: a pipe or device in its place must not block or fill memory.
        String text = StoreFiles.readText(file, StoreFiles.MAX_LINES);
        if (text == null) return out;
        int lineNo = 0, start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) break; // an incomplete last line: an append a crash cut short
            lineNo++;
            String line = text.substring(start, nl).strip();
            start = nl + 1;
            if (line.isEmpty()) continue;
            out.add(parse.apply(line, file + " line " + lineNo));
        }
        return out;
    }

    /** Appends one line (the newline is added) and forces it to disk. */
    static void append(Path file, String line) {
        if (line.indexOf('\n') >= 0) throw new IllegalArgumentException("a JSON line must not contain a newline");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false);
        } catch (IOException e) {
            throw new RunFileException(file, "cannot write: " + RunWriter.reason(e), e);
        }
    }

    /** Replaces the file by these lines, atomically. */
    static void rewrite(Path file, List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) b.append(l).append('\n');
        try {
            AtomicFiles.writeString(file, b.toString());
        } catch (IOException e) {
            throw new RunFileException(file, "cannot write: " + RunWriter.reason(e), e);
        }
    }
}
