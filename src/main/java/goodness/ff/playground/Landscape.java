package goodness.ff.playground;

/**
 * The goodness landscape of a network over the plane [-extent, extent]²: for a grid of
 * {@code size × size} cell centres (row 0 at the top, the largest y) and each class, the summed
 * goodness of the scored layers (and, on demand, of each layer), the decision regions (the class
 * with the largest summed goodness), and each hidden unit's response for one class on a coarser
 * grid. Immutable once made: the arrays belong to it.
 *
 * @param size         cells per side
 * @param extent       half the side of the plane shown
 * @param goodness     [class][row·size + column] summed goodness of the scored layers
 * @param perLayer     [layer][class][cell] goodness of each layer, or null when not asked for
 * @param region       [cell] the predicted class
 * @param threshold    the sum of θ·width over the scored layers: where a class's landscape crosses it, p = 0.5 on average
 * @param unitSize     cells per side of the unit maps
 * @param unitClass    the class the unit maps are drawn for
 * @param units        [layer][unit][cell] the unit's raw (ReLU) state for unitClass
 * @param contribution [layer][unit][class] mean squared state of the unit over the points of that class, given their class: its share of their goodness
 * @param network      a copy of the weights drawn
 */
public record Landscape(int size, float extent, float[][] goodness, float[][][] perLayer, byte[] region, double threshold,
                        int unitSize, int unitClass, float[][][] units, double[][][] contribution, PlaygroundNetwork network) {

    /** The largest grid side, 400 (160,000 cells per class). */
    public static final int MAX_SIZE = 400;

    /** The x of column {@code col}'s centre on a grid of {@code n} over [-e, e]. */
    public static float x(int col, int n, float e) {
        return -e + (col + 0.5f) * 2 * e / n;
    }

    /** The y of row {@code row}'s centre (row 0 at the top). */
    public static float y(int row, int n, float e) {
        return e - (row + 0.5f) * 2 * e / n;
    }

    /**
     * The landscape of {@code net} (not modified; read on the calling thread only).
     *
     * @param perLayer  also keep each layer's goodness
     * @param unitSize  the unit maps' grid side (0: no unit maps)
     * @param unitClass the class the unit maps show
     * @param points    the points the contributions are taken over (may be empty)
     */
    public static Landscape compute(PlaygroundNetwork net, PlaygroundSettings settings, int size, float extent, boolean perLayer,
                                    int unitSize, int unitClass, PlanePoints points) {
        if (size < 2 || size > MAX_SIZE) throw new IllegalArgumentException("the grid side must be 2 to " + MAX_SIZE + ", got " + size);
        if (unitSize < 0 || unitSize > MAX_SIZE) throw new IllegalArgumentException("the unit grid side must be 0 to " + MAX_SIZE + ", got " + unitSize);
        int classes = net.classes(), layers = net.layers(), cells = size * size;
        if (unitClass < 0 || unitClass >= classes) throw new IllegalArgumentException("no class " + unitClass);
        float[][] good = new float[classes][cells];
        float[][][] layerGood = perLayer ? new float[layers][classes][cells] : null;
        byte[] region = new byte[cells];
        PlaygroundNetwork.Buffers buf = net.buffers();
        for (int r = 0; r < size; r++) {
            float y = y(r, size, extent);
            for (int col = 0; col < size; col++) {
                float x = x(col, size, extent);
                int cell = r * size + col, best = 0;
                for (int c = 0; c < classes; c++) {
                    net.forward(x, y, c, buf);
                    float sum = 0;
                    for (int l = 0; l < layers; l++) {
                        if (settings.scored(l)) sum += buf.goodness[l];
                        if (layerGood != null) layerGood[l][c][cell] = buf.goodness[l];
                    }
                    good[c][cell] = sum;
                    if (sum > good[best][cell]) best = c;
                }
                region[cell] = (byte) best;
            }
        }
        double threshold = 0;
        for (int l = 0; l < layers; l++) if (settings.scored(l)) threshold += settings.theta() * net.width(l);

        float[][][] units = new float[layers][][];
        for (int l = 0; l < layers; l++) units[l] = new float[net.width(l)][unitSize * unitSize];
        for (int r = 0; r < unitSize; r++) {
            float y = y(r, unitSize, extent);
            for (int col = 0; col < unitSize; col++) {
                net.forward(x(col, unitSize, extent), y, unitClass, buf);
                for (int l = 0; l < layers; l++)
                    for (int j = 0; j < net.width(l); j++) units[l][j][r * unitSize + col] = buf.state[l][j];
            }
        }
        double[][][] contribution = new double[layers][][];
        for (int l = 0; l < layers; l++) contribution[l] = new double[net.width(l)][classes];
        int[] count = new int[classes];
        for (int i = 0; i < points.size(); i++) {
            int c = points.label(i);
            count[c]++;
            net.forward(points.x(i), points.y(i), c, buf);
            for (int l = 0; l < layers; l++)
                for (int j = 0; j < net.width(l); j++) contribution[l][j][c] += (double) buf.state[l][j] * buf.state[l][j];
        }
        for (double[][] layer : contribution)
            for (double[] unit : layer)
                for (int c = 0; c < classes; c++) unit[c] = count[c] == 0 ? 0 : unit[c] / count[c];
        return new Landscape(size, extent, good, layerGood, region, threshold, unitSize, unitClass, units, contribution, net.copy());
    }

    public int classes() {
        return goodness.length;
    }

    /** The predicted class at the cell containing (x, y), or -1 outside the plane. */
    public int regionAt(float x, float y) {
        int col = (int) Math.floor((x + extent) / (2 * extent) * size), row = (int) Math.floor((extent - y) / (2 * extent) * size);
        if (col < 0 || row < 0 || col >= size || row >= size) return -1;
        return region[row * size + col];
    }
}
