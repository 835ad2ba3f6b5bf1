package goodness.cli;

import goodness.data.DataFileException;
import goodness.runs.Printable;
import goodness.runs.RunArchive;
import goodness.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runs export NAME --to FILE.zip}: one run of the store as one zip file ({@link RunArchive}). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write one stored run to a zip file, to share it or move it to another machine (goodness runs import reads it).",
                "The archive holds the run's folder with config.json, run.json, metrics.jsonl, metrics.csv, events.jsonl and result.json,"
                        + " and checkpoint.bin and model.ffm as present (so the run can be resumed or its model opened there);"
                        + " run.lock, temporary files and any other file are left out.",
                "A run that a training process holds (app or CLI) is refused: stop it first. The file is written whole or not at all"
                        + " (a temporary file, then a rename); an existing file is replaced, but never one of the run's own files,"
                        + " a folder, a pipe or a device."})
final class RunsExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the run's name, as `goodness runs` lists it")
    String name;
    @Option(names = "--to", required = true, paramLabel = "FILE.zip", description = "the zip file to write")
    Path to;
    @Option(names = "--runs-dir", paramLabel = "DIR", description = "the run store (default: runs)")
    Path runsDir;

    @Override
    public Integer call() {
        RunStore store = new RunStore(RunsCommand.existingRoot(runsDir));
        RunArchive.Exported e;
        try {
            e = RunArchive.export(store, name, to);
        } catch (DataFileException ex) {
            throw new CliException("--to " + ex.getMessage(), 1);
        }
        System.out.printf("exported %s (%d files, %d bytes) to %s%n", Printable.escape(e.name()), e.files().size(), e.bytes(),
                Printable.escape(e.archive().toString()));
        return 0;
    }
}
