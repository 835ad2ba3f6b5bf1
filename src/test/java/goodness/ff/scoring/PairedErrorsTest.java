package goodness.ff.scoring;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static org.junit.jupiter.api.Assertions.*;

/** Two models' errors paired case by case, and McNemar's exact test on their disagreements. */
class PairedErrorsTest {

    @Test
    void countsEachCaseByWhoGotItWrong() {
        boolean[] a = {true, true, false, false, true, false};
        boolean[] b = {true, false, true, false, false, false};
        PairedErrors p = PairedErrors.of(a, b);
        assertEquals(new PairedErrors(6, 3, 2, 1, 2, 1), p);
        assertEquals(p.errorsA(), p.both() + p.onlyA());
        assertEquals(p.errorsB(), p.both() + p.onlyB());
    }

    @Test
    void modelsScoredOnDifferentCasesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairedErrors.of(new boolean[3], new boolean[4]));
        assertTrue(e.getMessage().contains("not the same cases"), e.getMessage());
    }

    @Test
    void pValuesOfKnownSplits() {
        assertEquals(1.0, new PairedErrors(100, 5, 5, 5, 0, 0).mcnemarExactP(), "no disagreement: no evidence either way");
        assertEquals(2 * 11 / 1024.0, new PairedErrors(100, 9, 1, 0, 9, 1).mcnemarExactP(), 1e-15, "9 : 1 → 2·(1 + 10)/2¹⁰");
        assertEquals(2 / 1024.0, new PairedErrors(100, 10, 0, 0, 10, 0).mcnemarExactP(), 1e-15, "10 : 0 → 2/2¹⁰");
        assertEquals(1.0, new PairedErrors(100, 6, 5, 0, 6, 5).mcnemarExactP(), "11 split 6 : 5 is as even as it can be");
        assertEquals(new PairedErrors(100, 30, 12, 0, 30, 12).mcnemarExactP(), new PairedErrors(100, 12, 30, 0, 12, 30).mcnemarExactP(),
                "which model is A does not matter");
    }

    @Test
    void agreesWithAnExactSumOfBinomialTermsAndDoesNotUnderflow() {
        for (int n = 1; n <= 120; n += 7)
            for (int k = 0; k <= n / 2; k += 3) {
                double exact = exactTwoSided(n, k);
                assertEquals(exact, new PairedErrors(10_000, k, n - k, 0, k, n - k).mcnemarExactP(), 1e-12 * Math.max(1, exact) + exact * 1e-9,
                        "n = " + n + ", k = " + k);
            }
        double p = new PairedErrors(10_000, 2_300, 2_000, 0, 2_300, 2_000).mcnemarExactP();
        assertTrue(p > 0 && p < 1e-5, "4,300 disagreements split 2,300 : 2,000 is far from even, and still a number: " + p);
        assertEquals(1.0, new PairedErrors(10_000, 2_500, 2_500, 0, 2_500, 2_500).mcnemarExactP(), 1e-9);
    }

    /** min(1, 2 · Σ_{i ≤ k} C(n, i) / 2ⁿ), in exact arithmetic. */
    private static double exactTwoSided(int n, int k) {
        BigInteger sum = BigInteger.ZERO, c = BigInteger.ONE;
        for (int i = 0; i <= k; i++) {
            sum = sum.add(c);
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL128);
        return Math.min(1.0, p.doubleValue());
    }
}
