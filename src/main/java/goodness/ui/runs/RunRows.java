package goodness.ui.runs;

import goodness.runs.ErrorPair;
import goodness.runs.ExampleRuns;
import goodness.runs.RunStatus;
import goodness.runs.RunSummary;
import goodness.runs.ValidErrors;
import goodness.ui.ReferenceRun;

import java.util.List;
import java.util.Locale;

/** The Runs table's rows and what their cells say, made from the store's summaries (no window needed). */
final class RunRows {
    private RunRows() {
    }

    /** A stored run's row; an example's is named {@code example:<folder>} (its status says it is an example). */
    static RunsViewModel.RunRow row(RunSummary s, boolean example) {
        // A finished example's message only repeats its test errors.
        String message = example && s.status() == RunStatus.FINISHED ? "" : s.message();
        return new RunsViewModel.RunRow(example ? ExampleRuns.id(s.name()) : s.name(), s, s.presetName(), s.dataset(),
                goodness.ui.FigureCaption.changedText(s.changedSettings()), s.status().id(), message,
                s.epochsDone(), s.epochsPlanned(), s.bestValidEnergyErrors(), validText(s.bestValid()),
                validDetail(s.bestValid(), s.lastValid(), s.validCases()),
                ErrorPair.text(s.testEnergyErrors(), s.testSoftmaxErrors()), s.date(), example);
    }

    /** Why the runs {@code names} cannot be renamed, deleted or resumed; "" if none is read-only. */
    static String readOnlyReason(List<String> names) {
        boolean reference = names.contains(ReferenceRun.ID), example = names.stream().anyMatch(ExampleRuns::isId);
        if (!reference && !example) return "";
        if (!example) return "The seed 000 reference is a published log: it cannot be renamed, deleted or resumed.";
        return (reference ? "The seed 000 reference and the examples are" : "Examples come with the app and are")
                + " read-only: they cannot be renamed, deleted or resumed (they can be overlaid and compared like any run).";
    }

    static RunsViewModel.RunRow referenceRow() {
        var m = ReferenceRun.metrics();
        ValidErrors best = ValidErrors.best(m);
        return new RunsViewModel.RunRow(ReferenceRun.ID, null, "hinton", "mnist", "peerLambda=0 (effectively), topLayerTerm=true", "reference",
                ReferenceRun.LABEL, m.size(), m.size(), best == null ? null : best.energyErrors(), validText(best),
                validDetail(best, ValidErrors.last(m), 10_000),
                ErrorPair.text(ReferenceRun.TEST_ENERGY_ERRORS, ReferenceRun.TEST_SOFTMAX_ERRORS), null, false);
    }

    /**
     * The best valid evaluation's errors of both scores, from one epoch, with that epoch
     * ("79 / 92 @199", as {@code goodness runs} prints it); "" if the run was never evaluated.
     */
    static String validText(ValidErrors v) {
        return v == null ? "" : v.text();
    }

    /** The best valid cell's tooltip: what the figures are, and the last evaluation, whose weights the model holds. */
    static String validDetail(ValidErrors best, ValidErrors last, int cases) {
        if (best == null) return "";
        String of = cases > 0 ? " of " + cases : "";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Fewest energy errors at epoch %d: %s (energy / softmax)%s",
                best.epoch(), ErrorPair.text(best.energyErrors(), best.softmaxErrors()), of));
        if (last != null && last.epoch() != best.epoch())
            b.append(String.format(Locale.ROOT, "%nLast evaluation, epoch %d (the run's final weights): %s",
                    last.epoch(), ErrorPair.text(last.energyErrors(), last.softmaxErrors())));
        return b.toString();
    }
}
