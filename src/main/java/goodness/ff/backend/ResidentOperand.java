package goodness.ff.backend;

import java.lang.ref.WeakReference;

import org.ejml.data.FMatrixRMaj;

/**
 * One operand {@link OpenBlasBackend} keeps resident in native memory between products (a
 * weight matrix, a layer input or a momentum accumulator), keyed by object identity, row length
 * and version, with the LRU bookkeeping that picks which slot a new operand replaces.
 */
final class ResidentOperand {
    final NativeBuffer buffer = new NativeBuffer();
    WeakReference<FMatrixRMaj> key; // weak: a dropped network's weights are not kept alive
    int rows, cols;
    long version;
    long lastUse;
    /** The native copy is newer than the heap matrix's data (a {@code multTransAAddResident} result). */
    boolean dirty;

    /**
     * The slot of {@code slots} holding {@code x} at {@code version}: the one already keyed to
     * {@code x} (reloaded if its version or rows changed), else the least recently used one, whose
     * newer native result is written back before it is reused. The slot holding {@code keep} (the
     * other operand of the same product) is never the victim.
     */
    static ResidentOperand acquire(ResidentOperand[] slots, FMatrixRMaj x, long version, FMatrixRMaj keep, long now) {
        ResidentOperand victim = null;
        for (ResidentOperand e : slots) {
            if (e.matches(x)) {
                // A new version means the caller wrote x.data: that, not a resident result, is current.
                if (e.version != version || !e.covers(x)) e.load(x, version);
                e.lastUse = now;
                return e;
            }
            if (keep != null && e.holds(keep)) continue;
            if (victim == null || e.lastUse < victim.lastUse) victim = e;
        }
        victim.writeBack();
        victim.load(x, version);
        victim.lastUse = now;
        return victim;
    }

    /** The same object with the same row length (its resident rows may be more than it has now). */
    boolean matches(FMatrixRMaj b) {
        return key != null && key.get() == b && cols == b.numCols;
    }

    boolean holds(FMatrixRMaj b) {
        return key != null && key.get() == b;
    }

    /** The resident copy holds at least b's current rows (a row-major prefix serves fewer rows). */
    boolean covers(FMatrixRMaj b) {
        return rows >= b.numRows;
    }

    void load(FMatrixRMaj b, long newVersion) {
        WeakReference<FMatrixRMaj> same = key != null && key.get() == b ? key : null;
        key = null; // if the copy below fails the slot must not look valid
        buffer.upload(b);
        // A new version of the same matrix reuses its reference: a weight matrix is reloaded
        // after every update, and a new WeakReference each time was a training batch's only allocation.
        key = same != null ? same : new WeakReference<>(b);
        rows = b.numRows;
        cols = b.numCols;
        version = newVersion;
        dirty = false;
    }

    /** Copies a newer native copy back into its heap matrix, if that still exists. */
    void writeBack() {
        if (!dirty) return;
        FMatrixRMaj owner = key == null ? null : key.get();
        if (owner != null) buffer.pointer.position(0).get(owner.data, 0, Math.min(rows * cols, owner.data.length));
        dirty = false;
    }

    void forget() {
        writeBack();
        key = null;
        lastUse = 0;
    }
}
