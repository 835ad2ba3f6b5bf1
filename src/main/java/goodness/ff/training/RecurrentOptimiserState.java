package goodness.ff.training;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import org.ejml.data.FMatrixRMaj;

import java.util.HashMap;
import java.util.Map;

/**
 * The recurrent recipe's optimiser state, per hidden layer: the momenta of its bottom-up weights
 * W_l, of its top-down weights V_l and of its biases, and its peer-normalisation running means;
 * and its part of a checkpoint, the buffers {@code weightMomentum<l>}, {@code topDownMomentum<l>},
 * {@code biasMomentum<l>} and {@code peerMean<l>} ({@link #checkpointBuffers} states that layout
 * for checkpoint validation). Every buffer is current on the heap between batches.
 */
final class RecurrentOptimiserState {
    final FMatrixRMaj[] weightMomentum, topDownMomentum;
    final float[][] biasMomentum, peerMean;
    private final int layers;

    RecurrentOptimiserState(FFConfig config) {
        layers = config.layerCount();
        weightMomentum = new FMatrixRMaj[layers];
        topDownMomentum = new FMatrixRMaj[layers];
        biasMomentum = new float[layers][];
        peerMean = new float[layers][];
        int in = AbstractTrainer.DIM;
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            int[] v = FFNetwork.topDownShape(config, l);
            weightMomentum[l] = new FMatrixRMaj(in, w);
            topDownMomentum[l] = new FMatrixRMaj(v[0], v[1]);
            biasMomentum[l] = new float[w];
            peerMean[l] = new float[w];
            java.util.Arrays.fill(peerMean[l], 0.5f);   // as recipe A
            in = w;
        }
    }

    /**
     * rms(ΔW_l) / rms(W_l) of the last update of W_l, from the momentum now held (the update was
     * W ← W_old + step·(Ŵ − wc·W_old); see {@link HintonOptimiserState#updateRatio}).
     */
    double updateRatio(int l, FFNetwork net, double step, double wc) {
        return HintonOptimiserState.updateRatio(net.weights[l].data, weightMomentum[l].data, net.weights[l].getNumElements(), step, wc);
    }

    /** The checkpoint buffers, name → contents (not copies). */
    Map<String, float[]> buffers() {
        Map<String, float[]> buffers = new HashMap<>();
        for (int l = 0; l < layers; l++) {
            buffers.put("weightMomentum" + l, weightMomentum[l].data);
            buffers.put("topDownMomentum" + l, topDownMomentum[l].data);
            buffers.put("biasMomentum" + l, biasMomentum[l]);
            buffers.put("peerMean" + l, peerMean[l]);
        }
        return buffers;
    }

    /** The buffers {@link #buffers} writes for {@code config}, name → length. */
    static Map<String, Integer> checkpointBuffers(FFConfig config) {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        int in = AbstractTrainer.DIM;
        for (int l = 0; l < config.layerCount(); l++) {
            int w = config.width(l);
            int[] v = FFNetwork.topDownShape(config, l);
            sizes.put("weightMomentum" + l, in * w);
            sizes.put("topDownMomentum" + l, v[0] * v[1]);
            sizes.put("biasMomentum" + l, w);
            sizes.put("peerMean" + l, w);
            in = w;
        }
        return sizes;
    }

    /** Sets every buffer from a checkpoint (the caller then invalidates the backend's resident copies). */
    void restore(TrainingState s) {
        for (int l = 0; l < layers; l++) {
            AbstractTrainer.copyInto(s, "weightMomentum" + l, weightMomentum[l].data);
            AbstractTrainer.copyInto(s, "topDownMomentum" + l, topDownMomentum[l].data);
            AbstractTrainer.copyInto(s, "biasMomentum" + l, biasMomentum[l]);
            AbstractTrainer.copyInto(s, "peerMean" + l, peerMean[l]);
        }
    }
}
