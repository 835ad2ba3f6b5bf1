package goodness;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the packages of the main code may depend on each other, checked on the compiled classes
 * (test classes are not part of it). The project's layers, from the bottom:
 * <pre>
 *   data  →  ff (ff, ff.backend, ff.negatives, ff.scoring, ff.training, ff.io, ff.playground)  →  runs
 *         →  experiment | service  →  ui (and ui.*)
 *   cli:   beside ui; may use every layer below ui and bench, never ui; nothing uses cli
 *   bench: backend micro-benchmarks; uses ff.backend only and is used by cli only
 * </pre>
 * Inside the engine (docs/architecture.md): the core
 * ({@code goodness.ff}) uses none of its sub-packages, the backends nothing of the project,
 * negatives the core, scoring the core and the backends, training those, io the core and training,
 * playground (the 2-D Forward-Forward playground) the core only.
 *
 * <p>Toolkits: JavaFX only in ui. JFreeChart only in ui and in experiment, which draws its figures
 * with JFreeChart and AWT into PNG files (no window). The engine, runs and
 * service use no AWT, Swing or ImageIO (data reads pictures with ImageIO; cli, experiment and ui
 * may use AWT images).
 */
@AnalyzeClasses(packages = "goodness", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String DATA = "goodness.data..", ENGINE = "goodness.ff..", RUNS = "goodness.runs..",
            EXPERIMENT = "goodness.experiment..", SERVICE = "goodness.service..", UI = "goodness.ui..", CLI = "goodness.cli..",
            BENCH = "goodness.bench..";

    /** The engine's packages; a new one needs its place in {@link #engineLayers} (and in docs/architecture.md). */
    private static final String[] ENGINE_PACKAGES = {"goodness.ff", "goodness.ff.backend", "goodness.ff.negatives",
            "goodness.ff.scoring", "goodness.ff.training", "goodness.ff.io", "goodness.ff.playground"};

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("Data").definedBy(DATA)
            .layer("Engine").definedBy(ENGINE)
            .layer("Runs").definedBy(RUNS)
            .layer("Experiment").definedBy(EXPERIMENT)
            .layer("Service").definedBy(SERVICE)
            .layer("Ui").definedBy(UI)
            .layer("Cli").definedBy(CLI)
            .layer("Bench").definedBy(BENCH)
            .whereLayer("Data").mayNotAccessAnyLayer()
            .whereLayer("Engine").mayOnlyAccessLayers("Data")
            .whereLayer("Runs").mayOnlyAccessLayers("Data", "Engine")
            .whereLayer("Experiment").mayOnlyAccessLayers("Data", "Engine", "Runs")
            .whereLayer("Service").mayOnlyAccessLayers("Data", "Engine", "Runs")
            .whereLayer("Ui").mayOnlyAccessLayers("Data", "Engine", "Runs", "Experiment", "Service")
            .whereLayer("Cli").mayOnlyAccessLayers("Data", "Engine", "Runs", "Experiment", "Service", "Bench")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Bench").mayOnlyAccessLayers("Engine")
            .whereLayer("Bench").mayOnlyBeAccessedByLayers("Cli");

    @ArchTest
    static final ArchRule engineLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Core").definedBy("goodness.ff")
            .layer("Backend").definedBy("goodness.ff.backend")
            .layer("Negatives").definedBy("goodness.ff.negatives")
            .layer("Scoring").definedBy("goodness.ff.scoring")
            .layer("Training").definedBy("goodness.ff.training")
            .layer("Io").definedBy("goodness.ff.io")
            .layer("Playground").definedBy("goodness.ff.playground")
            .whereLayer("Core").mayNotAccessAnyLayer()
            .whereLayer("Backend").mayNotAccessAnyLayer()
            .whereLayer("Negatives").mayOnlyAccessLayers("Core")
            .whereLayer("Scoring").mayOnlyAccessLayers("Core", "Backend")
            .whereLayer("Training").mayOnlyAccessLayers("Core", "Backend", "Negatives", "Scoring")
            .whereLayer("Io").mayOnlyAccessLayers("Core", "Training")
            .whereLayer("Playground").mayOnlyAccessLayers("Core");

    @ArchTest
    static final ArchRule everyEnginePackageIsInTheEngineLayers = classes().that().resideInAPackage(ENGINE)
            .should().resideInAnyPackage(ENGINE_PACKAGES)
            .because("a new engine package needs its place in the engine's layers (and in docs/architecture.md)");

    @ArchTest
    static final ArchRule backendsUseNothingOfTheProject = noClasses().that().resideInAPackage("goodness.ff.backend")
            .should().dependOnClassesThat(resideInAPackage("goodness..").and(not(resideInAPackage("goodness.ff.backend"))));

    @ArchTest
    static final ArchRule benchUsesOnlyTheBackends = noClasses().that().resideInAPackage(BENCH)
            .should().dependOnClassesThat(resideInAPackage("goodness..").and(not(resideInAnyPackage(BENCH, "goodness.ff.backend"))));

    @ArchTest
    static final ArchRule javaFxOnlyInUi = noClasses().that().resideOutsideOfPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree.chart.fx..")
            .because("only the app's window uses JavaFX");

    @ArchTest
    static final ArchRule jFreeChartOnlyInUiAndExperimentPlots = noClasses()
            .that(not(resideInAnyPackage(UI, EXPERIMENT)))
            .should().dependOnClassesThat().resideInAPackage("org.jfree..")
            .because("charts are drawn by the window and, as PNG files, by the experiment code");

    @ArchTest
    static final ArchRule noDesktopToolkitInEngineRunsOrService = noClasses().that().resideInAnyPackage(ENGINE, RUNS, SERVICE, BENCH)
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javax.imageio..");

    @ArchTest
    static final ArchRule uiSubPackagesHaveNoCycles = slices().matching("goodness.ui.(*)..").should().beFreeOfCycles()
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = slices().matching("goodness.(*)..").should().beFreeOfCycles();
}
