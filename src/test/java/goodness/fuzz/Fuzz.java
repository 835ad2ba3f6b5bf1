package goodness.fuzz;

import org.junit.jupiter.api.DynamicTest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * What every fuzz case asserts: reading a hostile file either gives a result that is genuinely
 * valid, or fails with the reader's own exception type whose message is one line, starts with
 * the file's name and shows no internal exception; and it never takes longer than
 * {@link #PER_CASE} (a hang fails the case instead of the build).
 *
 * <p>The cases themselves come from {@link #cases}: a fixed seed gives each case its own seed,
 * from which the case is drawn, so case {@code i} is the same on every run and on its own.
 * Each case is one JUnit dynamic test named by its index, the suite's seed, its own seed and
 * its content; {@code -Dgoodness.fuzz.case=I} runs case {@code I} alone.
 */
public final class Fuzz {
    /** Per-case limit: far above what a case takes (milliseconds), far below a hang. */
    public static final Duration PER_CASE = Duration.ofSeconds(20);

    /** Words that only appear when an internal exception leaks into a message. */
    private static final List<String> INTERNAL = List.of("Exception", "Error:", "java.", "com.google", "Failed to invoke", "NullPointer", "OutOfBounds");

    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    });

    private Fuzz() {
    }

    /** The property every case of a suite must hold. */
    @FunctionalInterface
    public interface Property<C> {
        void check(C c) throws Throwable;
    }

    /**
     * {@code count} cases drawn by {@code generator}, each checked by {@code property} as one
     * dynamic test. Case {@code i} is drawn from a {@link SplittableRandom} seeded with the
     * {@code i}-th number of {@code new SplittableRandom(seed)}, independent of the other cases.
     */
    public static <C> Stream<DynamicTest> cases(long seed, int count, Function<SplittableRandom, C> generator, Property<C> property) {
        long[] caseSeeds = new SplittableRandom(seed).longs(count).toArray();
        String only = System.getProperty("goodness.fuzz.case", "").trim();
        return IntStream.range(0, count)
                .filter(i -> only.isEmpty() || Integer.parseInt(only) == i)
                .mapToObj(i -> {
                    C c = generator.apply(new SplittableRandom(caseSeeds[i]));
                    String name = String.format("case %d of %d (seed %d, case seed %d): %s", i, count, seed, caseSeeds[i], c);
                    return DynamicTest.dynamicTest(name, () -> {
                        try {
                            property.check(c);
                        } catch (Throwable t) {
                            // Reports show a dynamic test by index only: the message names the case.
                            throw new AssertionError(name + ": " + t, t);
                        }
                    });
                });
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** One constant of {@code type}, uniformly. */
    public static <E extends Enum<E>> E oneOf(SplittableRandom r, Class<E> type) {
        return oneOf(r, type.getEnumConstants());
    }

    /** A case's outcome: its value, or what it threw. */
    public record Outcome<T>(T value, Throwable error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Runs one case on a worker thread; longer than {@link #PER_CASE} is a hang and fails. */
    public static <T> Outcome<T> run(String what, Callable<T> c) {
        Future<T> f = WORKER.submit(c);
        try {
            return new Outcome<>(f.get(PER_CASE.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("hang: " + what + " took longer than " + PER_CASE);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code e} is a {@code type} with a one-line message about {@code file} and no internal exception in it. */
    public static void assertUserFacing(Throwable e, Class<? extends Throwable> type, Path file) {
        if (!type.isInstance(e)) throw new AssertionError("expected a " + type.getSimpleName() + " but got " + e, e);
        String m = e.getMessage();
        if (m == null || !m.startsWith(file + ": ")) throw new AssertionError("the message must start with the file: " + m, e);
        if (m.contains("\n") || m.contains("\r")) throw new AssertionError("the message must be one line: " + m, e);
        for (String word : INTERNAL)
            if (m.contains(word)) throw new AssertionError("the message shows an internal exception ('" + word + "'): " + m, e);
    }

    /** Recomputes a Goodness checkpoint's trailing CRC-32 (8 bytes, big-endian) over everything before it. */
    public static byte[] withFreshChecksum(byte[] file) {
        if (file.length < 8) return file;
        byte[] b = file.clone();
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        long v = crc.getValue();
        for (int i = 0; i < 8; i++) b[b.length - 1 - i] = (byte) (v >>> (8 * i));
        return b;
    }

    /** Values that sit on the edges of int fields. */
    public static final int[] INTERESTING_INTS = {0, 1, -1, 2, 7, 10, 255, 256, 784, 65_535, 65_536, 1 << 20, 100_000, 100_001,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 8, 1 << 30};

    /** Values that break float arithmetic or sit on its edges. */
    public static final float[] INTERESTING_FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f, 1e30f, -1e30f, 1f};
}
