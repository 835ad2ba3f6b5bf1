package goodness.ff.scoring;

/**
 * Two models' errors on the same cases, paired case by case: whether one model's lower error
 * count is more than the luck of which cases it happened to get right. Only the cases the models
 * disagree on carry that information; McNemar's exact test asks how likely a split of those at
 * least as uneven as the one seen would be if each disagreement were a fair coin.
 *
 * @param cases  cases scored by both
 * @param errorsA errors of model A ({@code both + onlyA})
 * @param errorsB errors of model B ({@code both + onlyB})
 * @param both   cases both got wrong
 * @param onlyA  cases only A got wrong
 * @param onlyB  cases only B got wrong
 */
public record PairedErrors(int cases, int errorsA, int errorsB, int both, int onlyA, int onlyB) {

    /** Pairs two models' per-case mistakes ({@code wrongA[i]}: model A got case i wrong). */
    public static PairedErrors of(boolean[] wrongA, boolean[] wrongB) {
        if (wrongA.length != wrongB.length)
            throw new IllegalArgumentException("the models were scored on " + wrongA.length + " and " + wrongB.length + " cases, not the same cases");
        int both = 0, onlyA = 0, onlyB = 0;
        for (int i = 0; i < wrongA.length; i++) {
            if (wrongA[i] && wrongB[i]) both++;
            else if (wrongA[i]) onlyA++;
            else if (wrongB[i]) onlyB++;
        }
        return new PairedErrors(wrongA.length, both + onlyA, both + onlyB, both, onlyA, onlyB);
    }

    /**
     * McNemar's exact two-sided p-value: with n = onlyA + onlyB disagreements and k the smaller
     * side, 2·P(Binomial(n, ½) ≤ k), at most 1 (1 when the models never disagree). Summed in log
     * space, so thousands of disagreements do not underflow.
     */
    public double mcnemarExactP() {
        int n = onlyA + onlyB, k = Math.min(onlyA, onlyB);
        if (n == 0) return 1.0;
        double logPmf = -n * Math.log(2), logTail = logPmf;   // P(X = 0)
        for (int i = 0; i < k; i++) {
            logPmf += Math.log((double) (n - i) / (i + 1));    // P(X = i + 1) from P(X = i)
            double hi = Math.max(logTail, logPmf), lo = Math.min(logTail, logPmf);
            logTail = hi + Math.log1p(Math.exp(lo - hi));
        }
        return Math.min(1.0, 2 * Math.exp(logTail));
    }
}
