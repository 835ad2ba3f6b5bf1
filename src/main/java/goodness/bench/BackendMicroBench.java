package goodness.bench;

import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.backend.OpenBlasBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints median GFLOP/s of the backends on the trainer's shapes. Not a test; run with
 * {@code java -cp target/classes:<deps> goodness.bench.BackendMicroBench [reps]}.
 */
public final class BackendMicroBench {
    private BackendMicroBench() {
    }

    private record Shape(String label, boolean transA, int rowsA, int colsA, int colsB) {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<Shape> shapes = List.of(
                new Shape("100x784 · 784x1000", false, 100, 784, 1000),
                new Shape("100x1000 · 1000x1000", false, 100, 1000, 1000),
                new Shape("(100x1000)ᵀ · 100x1000", true, 100, 1000, 1000),
                new Shape("200x1000 · 1000x1000", false, 200, 1000, 1000),
                new Shape("(200x1000)ᵀ · 200x1000", true, 200, 1000, 1000));
        List<String> columns = new ArrayList<>(List.of("ejml(1)", "ejml-MT(2)"));
        boolean blas = OpenBlasBackend.isAvailable();
        if (blas) columns.addAll(List.of("openblas(1)", "openblas(2)", "openblas(1) cached-b", "openblas(2) cached-b"));
        else System.out.println("# " + OpenBlasBackend.unavailableReason());

        System.out.printf(Locale.ROOT, "# median GFLOP/s over %d calls, %d cores, %s%n", reps,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-24s", "shape"));
        for (String c : columns) head.append(String.format(Locale.ROOT, " %21s", c));
        System.out.println(head);
        for (Shape s : shapes) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-24s", s.label()));
            row.append(cell(new EjmlBackend(1), s, reps, false));
            row.append(cell(new EjmlBackend(2), s, reps, false));
            if (blas) {
                row.append(cell(new OpenBlasBackend(1), s, reps, false));
                row.append(cell(new OpenBlasBackend(2), s, reps, false));
                row.append(cell(new OpenBlasBackend(1), s, reps, true));
                row.append(cell(new OpenBlasBackend(2), s, reps, true));
            }
            System.out.println(row);
        }
    }

    private static String cell(MatrixBackend backend, Shape s, int reps, boolean cached) {
        try (backend) {
            double g;
            if (s.transA()) {
                if (cached) return String.format(Locale.ROOT, " %21s", "-");
                g = SgemmBench.measuredSgemmTransAGflops(backend, s.rowsA(), s.colsA(), s.colsB(), reps);
            } else if (cached) {
                g = SgemmBench.measuredCachedSgemmGflops(backend, s.rowsA(), s.colsA(), s.colsB(), reps);
            } else {
                g = SgemmBench.measuredSgemmGflops(backend, s.rowsA(), s.colsA(), s.colsB(), reps);
            }
            return String.format(Locale.ROOT, " %21.1f", g);
        }
    }
}
