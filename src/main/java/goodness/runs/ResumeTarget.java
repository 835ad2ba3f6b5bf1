package goodness.runs;

import goodness.ff.FFConfig;
import goodness.ff.training.TrainingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a folder may take a resumed run: the checkpoint's own run folder holding the same run
 * (not further on), or an empty folder. A folder holding another run, or a user's files, is
 * refused in one line and left as it is.
 */
final class ResumeTarget {
    private ResumeTarget() {
    }

    /**
     * Whether {@code state} may continue in {@code folder}: a folder holding a run must be the
     * checkpoint's own, hold the same run, and not be further on; one holding no run must be
     * empty (the checkpoint's own folder may also hold the files of a run).
     */
    static void check(Path folder, TrainingState state, Path from) throws IOException {
        Path fromFolder = from.toAbsolutePath().normalize().getParent();
        boolean own = folder.toAbsolutePath().normalize().equals(fromFolder);
        Path configFile = folder.resolve(RunFolder.CONFIG), runFile = folder.resolve(RunFolder.RUN);
        boolean holdsRun = Files.exists(configFile) || Files.exists(runFile);
        if (!holdsRun) {
            if (!own) RunWriter.requireEmpty(folder);
            else for (String name : RunWriter.entries(folder))
                if (!RunWriter.RUN_FILES.contains(name) && !RunWriter.isRunTemporary(name) && !name.equals(from.getFileName().toString()))
                    throw new RunFileException(folder, "holds no run but other files (" + name + "); resume into a new folder with --out");
            return;
        }
        if (!own) throw new RunFileException(folder, "already holds another run; resume into the checkpoint's own folder or a new one");
        for (String name : RunWriter.RUN_FILES) RunWriter.requireRegularOrMissing(folder.resolve(name));
        if (Files.exists(configFile)) {
            FFConfig there = RunJson.config(RunWriter.readRunFile(configFile), configFile);
            String differs = identityDifference(there, state.config());
            if (differs != null)
                throw new RunFileException(folder, "holds another run than checkpoint " + from.getFileName() + " (" + differs
                        + "); its files are left as they are: resume into a new folder with --out");
        }
        if (Files.exists(runFile)) {
            RunJson.RunInfo info = RunJson.runInfo(RunWriter.readRunFile(runFile), runFile);
            boolean behind = state.epoch() < info.epochsDone()
                    || state.epoch() == info.epochsDone() && state.batchInEpoch() < info.batchInEpoch();
            if (behind)
                throw new RunFileException(folder, "holds this run " + (info.status() == RunStatus.FINISHED ? "finished" : "further on")
                        + " (epoch " + info.epochsDone() + (info.batchInEpoch() > 0 ? ", batch " + info.batchInEpoch() : "")
                        + ") than checkpoint " + from.getFileName() + " (epoch " + state.epoch()
                        + (state.batchInEpoch() > 0 ? ", batch " + state.batchInEpoch() : "")
                        + "); continuing would discard its later epochs: resume into a new folder with --out");
        }
    }

    /**
     * The first settings in which two configs differ as runs ({@code "seed 1 there, 2 in the
     * checkpoint"}), or null if they are the same run. Threads and backend (speed only), epochs
     * (a recipe-B run may be extended) and the live settings (negatives, phases) are not compared.
     */
    static String identityDifference(FFConfig there, FFConfig checkpoint) {
        FFConfig.Builder b = checkpoint.toBuilder();
        b.threads = there.threads();
        b.backend = there.backend();
        b.epochs = there.epochs();
        b.negatives = there.negatives();
        b.phases = there.phases();
        FFConfig c;
        try {
            c = b.build();
        } catch (RuntimeException e) {
            return "its settings";
        }
        if (c.equals(there)) return null;
        List<String> out = new ArrayList<>();
        try {
            for (java.lang.reflect.RecordComponent rc : FFConfig.class.getRecordComponents()) {
                Object v = rc.getAccessor().invoke(there), w = rc.getAccessor().invoke(c);
                if (!Objects.equals(v, w) && out.size() < 3) out.add(rc.getName() + " " + v + " there, " + w + " in the checkpoint");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("FFConfig's accessors are public", e);
        }
        return out.isEmpty() ? "its settings" : String.join("; ", out);
    }

}
