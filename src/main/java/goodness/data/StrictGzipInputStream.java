package goodness.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates exactly one gzip member (RFC 1952) and insists that the file ends with it.
 *
 * <p>Why not {@link java.util.zip.GZIPInputStream}: it silently ignores bytes after the end of
 * the gzip stream and reads a second concatenated member as if it were part of the first, so a
 * file with something appended would "load". It also reports a stream cut short as an
 * {@link java.io.EOFException} without a message. Here every problem is a
 * {@link DataFileException} naming the file in words: a header that is not gzip's, corrupt
 * compressed data, a stream cut short, a checksum or length mismatch in the trailer, and any
 * bytes after the trailer.
 */
final class StrictGzipInputStream extends InputStream {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, RESERVED = 0xE0;

    private final InputStream in;
    private final Path file;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private int bufLen;
    private long inflated;
    private boolean ended;

    /** Reads the gzip header from {@code in} (which must be positioned at its first byte). */
    StrictGzipInputStream(InputStream in, Path file) throws IOException {
        this.in = in;
        this.file = file;
        try {
            readHeader();
        } catch (IOException | RuntimeException e) {
            inflater.end();
            throw e;
        }
    }

    private void readHeader() throws IOException {
        if (u8() != 0x1f || u8() != 0x8b) throw corrupt("not a gzip header");
        int method = u8();
        if (method != 8) throw corrupt("compression method " + method + " is not deflate (8)");
        int flags = u8();
        if ((flags & RESERVED) != 0) throw corrupt("reserved header flags are set");
        for (int i = 0; i < 6; i++) u8(); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            int length = u8() | (u8() << 8);
            for (int i = 0; i < length; i++) u8();
        }
        if ((flags & FNAME) != 0) while (u8() != 0) { /* original file name */ }
        if ((flags & FCOMMENT) != 0) while (u8() != 0) { /* comment */ }
        if ((flags & FHCRC) != 0) { u8(); u8(); }
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) throw cutShort();
        return b;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (ended) return -1;
        while (true) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw corrupt("corrupt compressed data (" + (e.getMessage() == null ? "invalid deflate stream" : e.getMessage()) + ")");
            }
            if (n > 0) {
                crc.update(b, off, n);
                inflated += n;
                return n;
            }
            if (inflater.finished()) {
                readTrailer();
                ended = true;
                return -1;
            }
            if (inflater.needsDictionary()) throw corrupt("compressed data asks for a preset dictionary, which gzip does not use");
            if (!inflater.needsInput()) throw corrupt("corrupt compressed data (the inflater makes no progress)");
            bufLen = in.read(buf);
            if (bufLen < 0) throw cutShort();
            inflater.setInput(buf, 0, bufLen);
        }
    }

    /** Checks the 8-byte trailer (CRC-32 and length, little-endian) and that nothing follows it. */
    private void readTrailer() throws IOException {
        int remaining = inflater.getRemaining();
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, bufLen - remaining, remaining), in);
        long storedCrc = 0, storedLength = 0;
        for (int i = 0; i < 4; i++) storedCrc |= (long) trailerByte(rest) << (8 * i);
        for (int i = 0; i < 4; i++) storedLength |= (long) trailerByte(rest) << (8 * i);
        if (storedCrc != crc.getValue()) throw corrupt("gzip checksum mismatch: the compressed data is corrupt");
        if (storedLength != (inflated & 0xFFFF_FFFFL)) throw corrupt("gzip length mismatch: the compressed data is corrupt");
        long extra = 0;
        byte[] skip = new byte[1 << 16];
        for (int n; (n = rest.read(skip)) > 0; ) extra += n;
        if (extra > 0)
            throw new DataFileException(file, extra + " bytes follow the end of the gzip stream (a data file holds exactly one gzip stream and nothing after it)");
    }

    private int trailerByte(InputStream rest) throws IOException {
        int b = rest.read();
        if (b < 0) throw cutShort();
        return b;
    }

    private DataFileException cutShort() {
        return new DataFileException(file, "truncated: the gzip stream ends before its compressed data does (the file was cut short)");
    }

    private DataFileException corrupt(String why) {
        return new DataFileException(file, "not a valid gzip file: " + why);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
