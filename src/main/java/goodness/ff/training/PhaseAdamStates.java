package goodness.ff.training;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recipe B's optimiser state: one {@link AdamState} per phase (joint, positive-only,
 * negative-only) and layer, and its part of a checkpoint. The checkpoint names a state's
 * buffers {@code adam.<phase>.mW<l>}, {@code vW<l>}, {@code mb<l>}, {@code vb<l>} and keeps the
 * step counts in the accumulator {@code adamSteps} (phase-major); {@link #checkpointBuffers}
 * and {@link #checkpointAccumulators} state that layout for checkpoint validation.
 */
final class PhaseAdamStates {
    /** adam[phase.ordinal()][layer]: JOINT, POSITIVE, NEGATIVE. */
    private final AdamState[][] adam;
    private final int layers;

    PhaseAdamStates(FFConfig config) {
        layers = config.layerCount();
        adam = new AdamState[Phase.values().length][layers];
        int in = AbstractTrainer.DIM;
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            for (Phase p : Phase.values()) adam[p.ordinal()][l] = new AdamState(in, w);
            in = w;
        }
    }

    /** Layer {@code l}'s state for the steps of {@code phase}. */
    AdamState of(Phase phase, int l) {
        return adam[phase.ordinal()][l];
    }

    /**
     * Per layer, rms(ΔW) / rms(W) of the last Adam step, recomputed from the state of
     * {@code phase} that took it with step size {@code lr}.
     */
    List<Double> updateRatios(FFNetwork net, Phase phase, double lr) {
        List<Double> r = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            AdamState a = adam[phase.ordinal()][l];
            int n = net.weights[l].getNumElements();
            double wRms = net.weightRms(l);
            r.add(a.steps() == 0 || wRms == 0 ? Double.NaN : Math.sqrt(a.lastWeightStepSumSquares(n, lr) / n) / wRms);
        }
        return List.copyOf(r);
    }

    private static String stateName(Phase p) {
        return p.name().toLowerCase();
    }

    /** Puts every state's moments into {@code buffers} and the step counts into {@code accumulators}. */
    void saveTo(Map<String, float[]> buffers, Map<String, double[]> accumulators) {
        double[] adamSteps = new double[Phase.values().length * layers];
        for (Phase p : Phase.values()) {
            for (int l = 0; l < layers; l++) {
                AdamState a = adam[p.ordinal()][l];
                String s = "adam." + stateName(p) + ".";
                buffers.put(s + "mW" + l, a.mW);
                buffers.put(s + "vW" + l, a.vW);
                buffers.put(s + "mb" + l, a.mb);
                buffers.put(s + "vb" + l, a.vb);
                adamSteps[p.ordinal() * layers + l] = a.steps;
            }
        }
        accumulators.put("adamSteps", adamSteps);
    }

    /** The buffers {@link #saveTo} writes for {@code config}, name → length. */
    static Map<String, Integer> checkpointBuffers(FFConfig config) {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        for (Phase p : Phase.values()) {
            int in = AbstractTrainer.DIM;
            for (int l = 0; l < config.layerCount(); l++) {
                int w = config.width(l);
                String s = "adam." + stateName(p) + ".";
                sizes.put(s + "mW" + l, in * w);
                sizes.put(s + "vW" + l, in * w);
                sizes.put(s + "mb" + l, w);
                sizes.put(s + "vb" + l, w);
                in = w;
            }
        }
        return sizes;
    }

    /** The accumulators {@link #saveTo} writes, name → length. */
    static Map<String, Integer> checkpointAccumulators(FFConfig config) {
        return Map.of("adamSteps", Phase.values().length * config.layerCount());
    }

    /** Sets every state from a checkpoint's buffers and step counts. */
    void restore(TrainingState s) {
        Map<String, double[]> a = s.accumulators();
        double[] adamSteps = a.get("adamSteps");
        if (adamSteps == null || adamSteps.length != Phase.values().length * layers)
            throw new IllegalArgumentException("checkpoint accumulator 'adamSteps' is missing or has the wrong size");
        for (Phase p : Phase.values()) {
            for (int l = 0; l < layers; l++) {
                AdamState st = adam[p.ordinal()][l];
                String n = "adam." + stateName(p) + ".";
                AbstractTrainer.copyInto(s, n + "mW" + l, st.mW);
                AbstractTrainer.copyInto(s, n + "vW" + l, st.vW);
                AbstractTrainer.copyInto(s, n + "mb" + l, st.mb);
                AbstractTrainer.copyInto(s, n + "vb" + l, st.vb);
                st.steps = (long) adamSteps[p.ordinal() * layers + l];
            }
        }
    }
}
