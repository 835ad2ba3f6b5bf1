package goodness.ff;

/**
 * A small seeded PRNG (xoshiro256**, seeded through SplitMix64) whose whole state can be saved
 * in a checkpoint and restored, so that a resumed run draws exactly the numbers the original run
 * would have drawn. {@link java.util.SplittableRandom} and the JDK 17 generators do not expose
 * their state, which is why the project carries its own.
 *
 * <p>Not thread-safe: one instance per training thread.
 */
public final class SeededRandom {
    private long s0, s1, s2, s3;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    public SeededRandom(long seed) {
        reseed(seed);
    }

    /** Starts this generator over as if it had just been made with {@code new SeededRandom(seed)} (in place, no allocation). */
    public void reseed(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
        hasSpareGaussian = false;
        spareGaussian = 0;
    }

    /**
     * A seed for stream number {@code index} derived from {@code seed}: distinct indices give
     * unrelated streams (the SplitMix64 seeding decorrelates nearby seeds).
     */
    public static long streamSeed(long seed, long index) {
        return splitMix(seed ^ splitMix(index + 0x632BE59BD9B4E019L));
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject on 32 random bits). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    public boolean nextBit() {
        return nextLong() < 0;
    }

    /** Standard normal (Marsaglia polar method; the spare value is part of the saved state). */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpareGaussian = true;
        return u * f;
    }

    /** Fisher-Yates shuffle of {@code a} in place (modified). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The full state, for checkpoints: 4 state words, the spare flag, the spare value's bits. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, hasSpareGaussian ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    /** Restores a state from {@link #state()}. */
    public void restore(long[] state) {
        if (state.length != 6) throw new IllegalArgumentException("RNG state must have 6 words, got " + state.length);
        if ((state[0] | state[1] | state[2] | state[3]) == 0) throw new IllegalArgumentException("RNG state is all zeros");
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        hasSpareGaussian = state[4] != 0;
        spareGaussian = Double.longBitsToDouble(state[5]);
    }
}
