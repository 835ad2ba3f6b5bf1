package goodness.ff.backend;

import org.bytedeco.javacpp.FloatPointer;
import org.ejml.data.FMatrixRMaj;

/**
 * A native float buffer that grows on demand and never shrinks: one operand slot of
 * {@link OpenBlasBackend}, reused by every product so that a call allocates no native memory
 * once the largest shape has been seen.
 */
final class NativeBuffer {
    FloatPointer pointer;
    long capacity;

    FloatPointer reserve(int floats) {
        if (pointer == null || capacity < floats) {
            free();
            long size = Math.max(floats, capacity + capacity / 2); // amortise a series of growths
            pointer = new FloatPointer(Math.max(1, size));
            capacity = size;
        }
        return pointer;
    }

    FloatPointer upload(FMatrixRMaj x) {
        int len = x.numRows * x.numCols;
        FloatPointer p = reserve(len);
        p.position(0).put(x.data, 0, len);
        return p;
    }

    void free() {
        if (pointer != null) {
            pointer.close(); // deallocates now rather than at GC
            pointer = null;
            capacity = 0;
        }
    }
}
