package goodness.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip file's central directory, read from its own bytes: what {@link java.util.zip.ZipFile}
 * does not tell (each entry's Unix file type, kept in its external attributes, and whether a
 * name occurs twice), with the entry count checked against a cap before any entry is read.
 * Only the end record and the directory are read (at most {@value #MAX_DIRECTORY_BYTES} bytes);
 * ZIP64 archives are refused (a run archive is far below their sizes).
 */
final class ArchiveDirectory {
    /** A run archive's directory: a few entries of short names. */
    static final int MAX_DIRECTORY_BYTES = 1 << 20;
    private static final int END = 0x06054b50, CENTRAL = 0x02014b50, END_SIZE = 22, CENTRAL_SIZE = 46;
    private static final int S_IFMT = 0170000, S_IFREG = 0100000, S_IFDIR = 0040000, S_IFLNK = 0120000;

    private ArchiveDirectory() {
    }

    /** Why an archive is refused: one reason, in the user's words (the caller names the archive). */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The file types a directory entry may name. */
    enum Kind { FILE, FOLDER, LINK, SPECIAL }

    /**
     * One entry as the directory declares it (sizes and checksum as declared: the reader checks
     * them against the bytes).
     */
    record Entry(String name, Kind kind, long compressedSize, long size, long crc) {
    }

    /**
     * The entries of {@code archive}, in directory order.
     *
     * @throws Refused if it is not a zip file (or is cut short), uses ZIP64, or has more than {@code maxEntries} entries
     */
    static List<Entry> read(Path archive, int maxEntries) throws IOException {
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < END_SIZE) throw notZip();
            int tailLength = (int) Math.min(size, END_SIZE + 0xFFFF);
            ByteBuffer tail = readFully(ch, size - tailLength, tailLength);
            int end = -1;
            for (int i = tailLength - END_SIZE; i >= 0; i--) {
                if (tail.getInt(i) == END && i + END_SIZE + (tail.getShort(i + 20) & 0xFFFF) == tailLength) {
                    end = i;
                    break;
                }
            }
            if (end < 0) throw notZip();
            int count = tail.getShort(end + 10) & 0xFFFF;
            long dirSize = tail.getInt(end + 12) & 0xFFFFFFFFL, dirOffset = tail.getInt(end + 16) & 0xFFFFFFFFL;
            if (count == 0xFFFF || dirSize == 0xFFFFFFFFL || dirOffset == 0xFFFFFFFFL)
                throw new Refused("is a ZIP64 archive; a run archive is a plain zip file");
            if (count > maxEntries) throw new Refused("has " + count + " entries, more than the " + maxEntries + " a run archive may have");
            long endAt = size - tailLength + end;
            if (dirOffset + dirSize > endAt) throw notZip();
            if (dirSize > MAX_DIRECTORY_BYTES) throw new Refused("has a directory of " + dirSize + " bytes, more than a run archive's");
            ByteBuffer dir = readFully(ch, dirOffset, (int) dirSize);
            List<Entry> out = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < count; i++) {
                if (at + CENTRAL_SIZE > dirSize || dir.getInt(at) != CENTRAL) throw notZip();
                int nameLength = dir.getShort(at + 28) & 0xFFFF, extra = dir.getShort(at + 30) & 0xFFFF, comment = dir.getShort(at + 32) & 0xFFFF;
                if (at + CENTRAL_SIZE + nameLength > dirSize) throw notZip();
                String name = utf8(dir, at + CENTRAL_SIZE, nameLength);
                int mode = (dir.getInt(at + 38) >>> 16) & S_IFMT;
                Kind kind = switch (mode) {
                    case 0, S_IFREG -> name.endsWith("/") ? Kind.FOLDER : Kind.FILE;
                    case S_IFDIR -> Kind.FOLDER;
                    case S_IFLNK -> Kind.LINK;
                    default -> Kind.SPECIAL;
                };
                out.add(new Entry(name, kind, dir.getInt(at + 20) & 0xFFFFFFFFL, dir.getInt(at + 24) & 0xFFFFFFFFL,
                        dir.getInt(at + 16) & 0xFFFFFFFFL));
                at += CENTRAL_SIZE + nameLength + extra + comment;
            }
            return out;
        }
    }

    static Refused notZip() {
        return new Refused("is not a zip archive, or is cut short");
    }

    private static String utf8(ByteBuffer b, int from, int length) {
        byte[] bytes = new byte[length];
        b.get(from, bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused("has an entry whose name is not UTF-8 text");
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) throw notZip();
        }
        return b.clear();
    }
}
