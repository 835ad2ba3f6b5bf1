package goodness.ui.training;

import goodness.ff.FFConfig;

/** What an empty Training-tab chart says will fill it, and when. */
final class EmptyChartText {
    private EmptyChartText() {
    }

    /**
     * What will fill an empty chart and when, in the user's words. Before a run the message
     * starts "Start a run: "; the evaluation-driven charts (errors, rms) name the first evaluated
     * epoch where the configuration is known, since with the default interval of five epochs they
     * stay empty for the first minutes of a run.
     */
    static String message(String chart, FFConfig config, boolean running) {
        String prefix = running ? "" : "Start a run: ";
        String text = switch (chart) {
            case ChartsViewModel.COST -> "the training cost appears here, batch by batch";
            case ChartsViewModel.ERRORS -> evaluations("train and valid errors", config);
            case ChartsViewModel.PAIRWISE -> "cases with G− > G+ per layer appear here, batch by batch";
            case ChartsViewModel.RMS -> evaluations("rms of each layer's weights", config);
            case ChartsViewModel.GAIN -> "the learning-rate gain appears here at the end of each epoch";
            case ChartsViewModel.GOODNESS -> "mean goodness per layer appears here, batch by batch";
            case ChartsViewModel.HISTOGRAM -> "the last batch's goodness, once a batch has trained";
            default -> "its curves appear here as it trains";
        };
        return prefix + (prefix.isEmpty() ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text);
    }

    /** When the evaluated series get their first point (trainers evaluate after epochs evalEvery, 2 × evalEvery, …). */
    private static String evaluations(String what, FFConfig c) {
        if (c == null) return what + " at each evaluation (every few epochs)";
        int every = c.evalEvery();
        if (every <= 0) return "no evaluation during the run (evaluation interval 0)";
        if (every > c.epochs()) return "no evaluation during the run (every " + every + " epochs, run of " + c.epochs() + ")";
        if (every == 1) return "first evaluation after epoch 1 (every epoch)";
        return "first evaluation after epoch " + every + " (every " + every + " epochs)";
    }
}
