package goodness.ui.runs;

import goodness.runs.ErrorPair;
import goodness.runs.ExampleRuns;
import goodness.runs.Printable;
import goodness.runs.RunStatus;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import goodness.runs.ValidErrors;
import goodness.ui.ReferenceRun;

import java.nio.file.Path;
import java.util.ArrayList;
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
                ErrorPair.text(s.testEnergyErrors(), s.testSoftmaxErrors()), s.date(), example, false);
    }

    /**
     * A run folder the store cannot read, as {@code goodness runs} lists it: its name, "damaged" or
     * "unreadable", and the reason (control characters escaped); no figures. An example's is named
     * {@code example:<folder>}.
     */
    static RunsViewModel.RunRow damagedRow(RunStore.Damaged d, boolean example) {
        return new RunsViewModel.RunRow(example ? ExampleRuns.id(d.name()) : d.name(), null, "", "", "", d.unreadable() ? UNREADABLE : DAMAGED,
                Printable.escape(d.reason()), 0, 0, null, "", "", "", null, example, true);
    }

    static final String DAMAGED = "damaged", UNREADABLE = "unreadable";

    /**
     * Why Open, Resume, Rename… and Export… do not apply to the selected rows {@code selection}: a
     * damaged or unreadable run cannot be read (Delete… still removes it); "" if none is damaged.
     */
    static String damagedReason(List<RunsViewModel.RunRow> selection) {
        List<RunsViewModel.RunRow> damaged = selection.stream().filter(RunsViewModel.RunRow::damaged).toList();
        if (damaged.isEmpty()) return "";
        String which = damaged.size() == 1 ? damaged.get(0).shownName() + " is " + damaged.get(0).status() + " (" + damaged.get(0).message() + ")"
                : damaged.size() + " of the selected runs are damaged or unreadable";
        return which + ": a run the store cannot read cannot be opened, overlaid, resumed, renamed or exported."
                + (damaged.stream().allMatch(RunsViewModel.RunRow::example) ? "" : " Delete… removes " + (damaged.size() == 1 ? "its folder." : "their folders."));
    }

    /**
     * The status line's count of the run folders that could not be read, whose rows follow the
     * readable ones ("" if none): "; 2 runs damaged, 1 unreadable: see their rows below the runs"
     * ({@code what}: "run", or "example" for "below the examples").
     */
    static String damagedNote(List<RunStore.Damaged> damaged, String what) {
        if (damaged.isEmpty()) return "";
        long unreadable = damaged.stream().filter(RunStore.Damaged::unreadable).count(), bad = damaged.size() - unreadable;
        String counts = bad > 0 ? bad + " " + what + (bad == 1 ? "" : "s") + " " + DAMAGED + (unreadable > 0 ? ", " + unreadable + " " + UNREADABLE : "")
                : unreadable + " " + what + (unreadable == 1 ? "" : "s") + " " + UNREADABLE;
        return "; " + counts + ": see " + (damaged.size() == 1 ? "its row" : "their rows") + " below the " + what + "s";
    }

    /** A listing of the store for the table: its rows and what the status line says about them. */
    record Listed(List<RunsViewModel.RunRow> rows, String note) {
    }

    /**
     * Lists the store {@code dir} (task thread): the reference, the runs, the run folders that
     * cannot be read (after the readable ones, as {@code goodness runs} lists them), then the
     * examples in the same order. Runs stopped in their first epoch are left out unless
     * {@code showFirstEpochStops}.
     */
    static Listed list(Path dir, boolean showFirstEpochStops, ExampleListing examples) {
        RunStore.Listing l = new RunStore(dir).scan();
        List<RunsViewModel.RunRow> rows = new ArrayList<>();
        rows.add(referenceRow());
        int hidden = 0;
        for (RunSummary s : l.runs()) {
            if (!showFirstEpochStops && stoppedInFirstEpoch(s)) hidden++;
            else rows.add(row(s, false));
        }
        for (RunStore.Damaged d : l.damaged()) rows.add(damagedRow(d, false));
        String note = l.runs().size() + (l.runs().size() == 1 ? " run in " : " runs in ") + dir.toAbsolutePath().normalize()
                + (hidden == 0 ? "" : "; " + hidden + " stopped in their first epoch not listed (tick \"" + RunsViewModel.SHOW_FIRST_EPOCH_STOPS + "\" to list them)")
                + damagedNote(l.damaged(), "run")
                + examples.list(dir, rows);
        return new Listed(rows, note);
    }

    /** A run that ended (stopped or diverged) before its first epoch was done; a running one is always listed. */
    static boolean stoppedInFirstEpoch(RunSummary s) {
        return s.epochsDone() == 0 && (s.status() == RunStatus.STOPPED || s.status() == RunStatus.DIVERGED);
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
                ErrorPair.text(ReferenceRun.TEST_ENERGY_ERRORS, ReferenceRun.TEST_SOFTMAX_ERRORS), null, false, false);
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
