package goodness.ui.playground;

import goodness.ff.playground.BatchView;
import goodness.ff.playground.Landscape;
import goodness.ff.playground.PlanePoints;
import goodness.ff.playground.PlaygroundSettings;
import goodness.ff.playground.PlaygroundTrainer;

/**
 * What one redraw of the Playground shows, made on the worker and never changed after: the
 * landscape, the points, the current batch as far as its stages have run and, right after an
 * update stage, the landscape from before it.
 *
 * @param generation bumped by every reset, so a frame of an older run is recognised
 * @param landscape  the goodness landscape
 * @param before     the landscape before the last update, when the last step was one update stage (slow motion); else null
 * @param points     a copy of the training points
 * @param batch      the current batch (null before the first)
 * @param nextStage  the stage a "step stage" runs next
 * @param batches    whole batches trained
 * @param accuracy   accuracy on the training points
 * @param settings   the settings in force
 * @param millis     worker time the frame took: its training and its landscape
 */
public record PlaygroundFrame(long generation, Landscape landscape, Landscape before, PlanePoints points, BatchView batch,
                              PlaygroundTrainer.Stage nextStage, long batches, double accuracy, PlaygroundSettings settings,
                              double millis) {
}
