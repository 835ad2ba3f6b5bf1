package goodness.cli;

import goodness.data.DataFileException;
import goodness.data.HeapBudget;
import goodness.ff.InvalidConfigException;
import goodness.ff.io.CheckpointException;
import goodness.runs.RunFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The headless command line: {@code java -jar target/goodness.jar COMMAND}. Every failure the
 * user can cause (bad option, missing or corrupt file, invalid hyper-parameter, divergence) ends
 * as one clear line on stderr and a non-zero exit code, never a stack trace. Set
 * {@code GOODNESS_DEBUG=1} to see the trace of an unexpected error.
 */
@Command(name = "goodness", mixinStandardHelpOptions = true, versionProvider = GoodnessCli.Version.class, scope = CommandLine.ScopeType.INHERIT,
        description = "Forward-Forward training, evaluation and prediction on MNIST and Fashion-MNIST, and a 2-D playground.",
        subcommands = {TrainCommand.class, RunsCommand.class, EvalCommand.class, PredictCommand.class, BenchCommand.class, ExperimentCommand.class, PlaygroundCommand.class,
                CommandLine.HelpCommand.class})
public final class GoodnessCli {

    /** {@code --version} (every command): the build, as the runs record it ({@link goodness.runs.CodeVersion}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"goodness " + goodness.runs.CodeVersion.current()};
        }
    }

    public static void main(String[] args) {
        // A failure on any other thread (a library's worker) is one line too, not a trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("goodness: " + describe(e));
            if (System.getenv("GOODNESS_DEBUG") != null) e.printStackTrace();
        });
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new GoodnessCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("goodness: " + describe(e));
            if (System.getenv("GOODNESS_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return e instanceof CliException c ? c.exitCode : 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("goodness: " + e.getMessage());
            e.getCommandLine().getErr().println("(see: goodness " + e.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; the heap is exhausted, so say it in one line and stop.
            cli.getErr().println("goodness: " + describe(e));
            return 1;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof CliException || e instanceof InvalidConfigException || e instanceof DataFileException
                || e instanceof CheckpointException || e instanceof RunFileException) return e.getMessage();
        if (e instanceof UncheckedIOException u) return u.getMessage();
        if (e instanceof NoSuchFileException n) return n.getFile() + ": file not found";
        if (e instanceof IllegalArgumentException) return e.getMessage();
        if (e instanceof OutOfMemoryError) return "out of memory (the JVM's heap is at most " + HeapBudget.megabytes(HeapBudget.maxHeap())
                + "): give it more heap (e.g. java -Xmx4g -jar ...) or use a smaller network, batch or input";
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
