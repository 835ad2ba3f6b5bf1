package goodness.cli;

import goodness.runs.Printable;
import goodness.runs.RunArchive;
import goodness.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runs import FILE.zip}: a run written by {@code runs export} added to the store ({@link RunArchive}). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Add the run in a zip file written by `goodness runs export` to the store. It keeps its name; if the store"
                + " has a run of that name, it gets the first free NAME-2, NAME-3, ... (as runs started in the same second do).",
                "The archive is checked before anything is written (one folder of run files only: no links, no paths outside it,"
                        + " no repeated entries, at most " + RunArchive.MAX_ENTRIES + " entries, a checkpoint or model of at most 1 GB,"
                        + " at most 2 GB in all, counted while unpacking) and the run is read back with the store's own checks;"
                        + " anything wrong is one line and leaves the store as it was.",
                "The imported run records the archive's file name, the time and its name there in imported.json;"
                        + " `goodness runs` shows it, and it lists, overlays and resumes like any other run."})
final class RunsImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "the archive to import")
    Path archive;
    @Option(names = "--runs-dir", paramLabel = "DIR", description = "the run store (default: runs; made if it does not exist)")
    Path runsDir;

    @Override
    public Integer call() {
        Path root = runsDir != null ? runsDir : RunStore.defaultRoot();
        if (Files.exists(root) && !Files.isDirectory(root)) throw new CliException(root + ": is a file, not a runs folder", 1);
        RunArchive.Imported i = RunArchive.importRun(new RunStore(root), archive);
        System.out.printf("imported %s from %s into %s%s%n", Printable.escape(i.run().name()), Printable.escape(archive.toString()),
                Printable.escape(root.toString()),
                i.renamed() ? " (the store already has a run named " + Printable.escape(i.originalName()) + ")" : "");
        return 0;
    }
}
