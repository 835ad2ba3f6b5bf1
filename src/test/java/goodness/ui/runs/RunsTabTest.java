package goodness.ui.runs;

import goodness.ff.training.EpochMetrics;
import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.runs.RunFolder;
import goodness.runs.RunJson;
import goodness.ui.HeadlessAppTest;
import goodness.ui.MainViewModel;
import goodness.ui.ReferenceRun;
import goodness.ui.training.ChartsViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The Runs tab, headless: stored runs listed, overlaid on the charts, compared, renamed, deleted. */
class RunsTabTest extends HeadlessAppTest {
    @TempDir
    Path store;

    @AfterAll
    static void restoreDialogs() {
        RunsPane.dialogs = null;
    }

    @AfterEach
    void forgetDialogs() {
        RunsPane.dialogs = null;
    }

    /** A stored run as a CLI run before the store wrote run.json: config.json and metrics.jsonl. */
    private static void storedRun(Path store, String name, NegativeMode negatives, double... costs) throws IOException {
        Path dir = Files.createDirectories(store.resolve(name));
        FFConfig c = FFConfig.hinton().toBuilder().epochs(5).negatives(negatives).build();
        Files.writeString(dir.resolve(RunFolder.CONFIG), RunJson.GSON.toJson(RunJson.config(c)));
        StringBuilder lines = new StringBuilder();
        for (int e = 0; e < costs.length; e++) lines.append(RunJson.GSON.toJson(RunJson.metrics(epoch(e, costs[e], negatives)))).append('\n');
        Files.writeString(dir.resolve(RunFolder.METRICS), lines.toString());
    }

    /** An epoch's metrics row with a cost and, at epoch 0 and every fifth, an evaluation. */
    private static EpochMetrics epoch(int e, double cost, NegativeMode negatives) {
        List<Double> three = List.of(1.0, 2.0, 3.0);
        boolean eval = e % 5 == 4 || e == 0;
        return new EpochMetrics(e, 1.0, cost, List.of(100, 200, 300), three, three, three,
                eval ? 900 : null, eval ? 400 - e : null, eval ? 380 : null, eval ? three : null, eval ? List.of(0.1, 0.2) : null,
                8.0, eval ? 3.0 : 0.0, 6000, negatives, PhaseSchedule.unseparated(), 50_000, 10_000);
    }

    @Test
    void aSelectedRunThatAnotherProcessTrainsGrowsOnTheChartsAsItIsWritten(FxRobot robot) throws IOException {
        storedRun(store, "done-2", NegativeMode.HARD, 60, 30);
        FFConfig c = FFConfig.hinton().toBuilder().epochs(5).build();
        var provenance = new goodness.runs.RunProvenance("cli", goodness.runs.CodeVersion.current(), java.time.Instant.parse("2026-12-02T03:00:00Z"),
                c.seed(), "data", "mnist", "HINTON", 50_000, 10_000, 10_000, List.of());
        // The writer holds the run's lock as a CLI process training it would.
        try (goodness.runs.RunWriter cli = goodness.runs.RunWriter.create(store.resolve("cli-run"), c, provenance)) {
            cli.epochEnded(epoch(0, 60, NegativeMode.HARD), null);
            openStore(robot);
            waitFor("listed", 20, () -> vm().runs().rows().size() == 3);
            RunsPane pane = robot.lookup(".runs-pane").query();
            selectOnly(pane, "done-2");
            waitFor("the finished run overlaid", 20, () -> fx(() -> vm().charts().drawnPointCount(ChartsViewModel.COST)) == 2);
            assertEquals(List.of(), fx(() -> vm().runs().followedRuns()), "a finished run is not followed");
            assertFalse(fx(() -> vm().runs().refreshIfFollowing()), "nothing to follow: the store is not read again");

            selectOnly(pane, "cli-run");
            waitFor("the running run overlaid", 20, () -> fx(() -> vm().charts().drawnPointCount(ChartsViewModel.COST)) == 1);
            assertEquals(List.of("cli-run"), fx(() -> vm().runs().followedRuns()));
            waitFor("the status line says it follows the run", 20,
                    () -> fx(() -> vm().runs().statusProperty().get()).contains("following cli-run (trained by another process)"));

            cli.epochEnded(epoch(1, 40, NegativeMode.HARD), null);
            cli.epochEnded(epoch(2, 30, NegativeMode.HARD), null);
            assertTrue(fx(() -> vm().runs().refreshIfFollowing()));
            waitFor("its new epochs drawn", 20, () -> fx(() -> vm().charts().drawnPointCount(ChartsViewModel.COST)) == 3);
            waitFor("its row too", 20, () -> fx(() -> vm().runs().rows().stream().filter(r -> r.name().equals("cli-run")).findFirst().orElseThrow().epochsDone()) == 3);

            cli.stopped("stopped by the user");
        }
        assertTrue(fx(() -> vm().runs().refreshIfFollowing()), "the last listing still said running");
        waitFor("no longer followed once it has stopped", 20, () -> fx(() -> vm().runs().followedRuns()).isEmpty());
        assertFalse(fx(() -> vm().runs().refreshIfFollowing()));
    }

    @Test
    void theFollowTimerRunsOnlyWhileTheWindowShows(FxRobot robot) {
        RunsPane pane = robot.lookup(".runs-pane").query();
        assertTrue(fx(pane::followTimerRunning), "the window shows");
        fx(() -> {
            stage.hide();
            return null;
        });
        // A timer left running would hold the closed window's whole state (data, models) through the pulse timer.
        assertFalse(fx(pane::followTimerRunning), "stopped with the window");
    }

    private MainViewModel vm() {
        return app.viewModel();
    }

    private void openStore(FxRobot robot) {
        robot.clickOn("Runs");
        fx(() -> {
            vm().runs().rootProperty().set(store);
            return null;
        });
    }

    @Test
    void overlayingTwoStoredRunsAddsTheirSeriesToTheChartsAndComparesThem(FxRobot robot) throws IOException {
        storedRun(store, "hard-5", NegativeMode.HARD, 60, 30, 20, 16, 13);
        storedRun(store, "mask-5", NegativeMode.MASK, 70, 40, 30, 25, 20);
        openStore(robot);
        waitFor("the two runs and the reference listed", 20, () -> vm().runs().rows().size() == 3);
        assertEquals(ReferenceRun.ID, fx(() -> vm().runs().rows().get(0).name()), "the reference run comes first");
        RunsPane pane = robot.lookup(".runs-pane").query();
        fx(() -> {
            var sel = pane.table().getSelectionModel();
            for (int i = 0; i < pane.table().getItems().size(); i++)
                if (!pane.table().getItems().get(i).reference()) sel.select(i);
            return null;
        });
        waitFor("both runs overlaid", 20, () -> vm().charts().drawnSeriesNames(ChartsViewModel.COST).size() == 2);
        assertEquals(List.of("hard-5 · trainlogcost", "mask-5 · trainlogcost"),
                fx(() -> vm().charts().drawnSeriesNames(ChartsViewModel.COST).stream().sorted().toList()));
        assertEquals(2 * 5, (int) fx(() -> vm().charts().drawnPointCount(ChartsViewModel.COST)));
        // Every chart shows them: error rates at their evaluations (epochs 0 and 4), per-layer pairwise errors.
        assertTrue(fx(() -> vm().charts().drawnSeriesNames(ChartsViewModel.ERRORS)).contains("mask-5 · energy valid"));
        assertEquals(2 * 3, (int) fx(() -> vm().charts().drawnSeriesNames(ChartsViewModel.PAIRWISE).size()));
        // The hyper-parameter table marks where they differ: the negative data only.
        waitFor("hyper-parameters", 10, () -> vm().runs().hyperParametersProperty().get().runs().size() == 2);
        var differing = fx(() -> vm().runs().hyperParametersProperty().get().differing());
        assertEquals(List.of("negatives"), differing.stream().map(HyperParameterTable.Row::field).toList());

        // Adding the reference run overlays the seed's published curve as well.
        fx(() -> {
            pane.table().getSelectionModel().select(0);
            return null;
        });
        waitFor("three overlays", 20, () -> vm().charts().drawnSeriesNames(ChartsViewModel.COST).size() == 3);
        assertTrue(fx(() -> vm().charts().drawnSeriesNames(ChartsViewModel.COST)).contains(ReferenceRun.LABEL + " · trainlogcost"));
        assertEquals(2 * 5 + 125, (int) fx(() -> vm().charts().drawnPointCount(ChartsViewModel.COST)));

        // A selection made in the view model (the window's --compare option) shows in the table whole.
        fx(() -> {
            vm().runs().selected().setAll(List.of("mask-5", ReferenceRun.ID));
            return null;
        });
        assertEquals(List.of("mask-5", ReferenceRun.ID), fx(() -> List.copyOf(vm().runs().selected())));
        assertEquals(2, (int) fx(() -> pane.table().getSelectionModel().getSelectedItems().size()));
        waitFor("two overlays", 20, () -> vm().charts().drawnSeriesNames(ChartsViewModel.COST).size() == 2);
    }

    @Test
    void renameAndDeleteChangeTheStoreAfterTheDialogs(FxRobot robot) throws IOException {
        storedRun(store, "first", NegativeMode.HARD, 60, 30);
        storedRun(store, "second", NegativeMode.RANDOM, 60, 30);
        List<String> asked = new ArrayList<>();
        RunsPane.dialogs = new RunsPane.DialogAnswers() {
            @Override public Optional<String> newName(String current) { asked.add("rename " + current); return Optional.of("renamed"); }
            @Override public boolean confirmDelete(List<String> names) { asked.add("delete " + names); return !names.contains("second"); }
        };
        openStore(robot);
        waitFor("listed", 20, () -> vm().runs().rows().size() == 3);
        RunsPane pane = robot.lookup(".runs-pane").query();
        selectOnly(pane, "first");
        robot.clickOn("#renameRun");
        waitFor("renamed", 20, () -> vm().runs().rows().stream().anyMatch(r -> r.name().equals("renamed")));
        assertTrue(Files.isDirectory(store.resolve("renamed")));
        assertFalse(Files.exists(store.resolve("first")));

        // Refused at the confirmation: nothing is deleted.
        selectOnly(pane, "second");
        robot.clickOn("#deleteRun");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isDirectory(store.resolve("second")));
        // Confirmed: the folder goes.
        selectOnly(pane, "renamed");
        robot.clickOn("#deleteRun");
        waitFor("deleted", 20, () -> vm().runs().rows().size() == 2);
        assertFalse(Files.exists(store.resolve("renamed")));
        assertEquals(List.of("rename first", "delete [second]", "delete [renamed]"), asked);
    }

    @Test
    void runsStoppedInTheirFirstEpochAreListedOnlyOnRequestAndSeveralRunsAreDeletedAfterOneConfirmation(FxRobot robot) throws IOException {
        storedRun(store, "trained", NegativeMode.HARD, 60, 30);
        storedRun(store, "left-at-start-1", NegativeMode.HARD);
        storedRun(store, "left-at-start-2", NegativeMode.RANDOM);
        List<List<String>> asked = new ArrayList<>();
        RunsPane.dialogs = new RunsPane.DialogAnswers() {
            @Override public Optional<String> newName(String current) { return Optional.empty(); }
            @Override public boolean confirmDelete(List<String> names) { asked.add(names); return true; }
        };
        openStore(robot);
        waitFor("listed", 20, () -> vm().runs().statusProperty().get().startsWith("3 runs"));
        assertEquals(List.of(ReferenceRun.ID, "trained"), fx(() -> vm().runs().rows().stream().map(RunsViewModel.RunRow::name).toList()));
        assertTrue(vm().runs().statusProperty().get().contains("2 stopped in their first epoch not listed"), vm().runs().statusProperty().get());

        robot.clickOn("#showFirstEpochStops");
        waitFor("all listed", 20, () -> vm().runs().rows().size() == 4);
        assertFalse(vm().runs().statusProperty().get().contains("not listed"), vm().runs().statusProperty().get());

        // Both early stops selected, one confirmation, both folders gone; the trained run stays.
        fx(() -> {
            vm().runs().selected().setAll("left-at-start-1", "left-at-start-2");
            return null;
        });
        robot.clickOn("#deleteRun");
        waitFor("deleted", 20, () -> vm().runs().rows().size() == 2);
        assertEquals(List.of(List.of("left-at-start-1", "left-at-start-2")), asked);
        assertFalse(Files.exists(store.resolve("left-at-start-1")));
        assertFalse(Files.exists(store.resolve("left-at-start-2")));
        assertTrue(Files.isDirectory(store.resolve("trained")));
        assertEquals(List.of(), fx(() -> List.copyOf(vm().runs().selected())));
    }

    @Test
    void openingAStoredRunWithoutAModelSaysSoAndTheReferenceIsReadOnly(FxRobot robot) throws IOException {
        storedRun(store, "no-model", NegativeMode.HARD, 60);
        List<String> errors = new ArrayList<>();
        sendAlertsTo(errors::add);
        try {
            openStore(robot);
            waitFor("listed", 20, () -> vm().runs().rows().size() == 2);
            RunsPane pane = robot.lookup(".runs-pane").query();
            selectOnly(pane, "no-model");
            robot.clickOn("#openRun");
            waitFor("the error", 20, () -> !errors.isEmpty());
            assertEquals("run no-model has neither a model nor a checkpoint yet", errors.get(0));
            selectOnly(pane, ReferenceRun.ID);
            // Read-only: Delete, Rename and Resume are disabled, and their tooltips say why.
            for (String button : List.of("#deleteRun", "#renameRun", "#resumeRun"))
                assertTrue(fx(() -> robot.lookup(button).queryButton().isDisabled()), button);
            String why = fx(() -> vm().runs().readOnlyReasonProperty().get());
            assertTrue(why.contains("published log"), why);
            assertEquals(why, fx(() -> javafx.scene.control.Tooltip.class.cast(robot.lookup("#deleteRun").queryButton().getParent()
                    .getProperties().get("javafx.scene.control.Tooltip")).getText()), "the tooltip on the disabled button's holder");
            fx(() -> {
                vm().runs().delete(List.of(ReferenceRun.ID));
                return null;
            });
            waitFor("the second error", 20, () -> errors.size() == 2);
            assertEquals("the built-in reference run cannot be deleted", errors.get(1));
        } finally {
            sendAlertsTo(null);
        }
    }

    @Test
    void aDamagedRunIsARowOfTheTableThatCanOnlyBeDeleted(FxRobot robot) throws IOException {
        storedRun(store, "good", NegativeMode.HARD, 60, 30);
        Files.writeString(Files.createDirectories(store.resolve("broken")).resolve(RunFolder.CONFIG), "{\"epochs\": ");
        List<List<String>> asked = new ArrayList<>();
        RunsPane.dialogs = new RunsPane.DialogAnswers() {
            @Override public Optional<String> newName(String current) { return Optional.empty(); }
            @Override public boolean confirmDelete(List<String> names) { asked.add(names); return true; }
        };
        openStore(robot);
        waitFor("listed", 20, () -> vm().runs().rows().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        // The row is drawn, set apart, with its status and reason in the table's cells and tooltip.
        List<javafx.scene.control.TableRow<?>> drawn = fx(() -> robot.lookup(".damaged-run").<javafx.scene.control.TableRow<?>>queryAll().stream()
                .filter(r -> r.getItem() != null).toList());
        assertEquals(1, drawn.size());
        String reason = fx(() -> vm().runs().rows().get(2).notes());
        assertTrue(reason.startsWith("config.json: "), reason);
        List<String> cells = fx(() -> robot.from(drawn.get(0)).lookup(".table-cell").<javafx.scene.control.TableCell<?, ?>>queryAll().stream()
                .map(c -> c.getText() == null ? "" : c.getText()).toList());
        assertTrue(cells.contains("broken") && cells.contains("damaged") && cells.contains(reason), cells.toString());
        assertEquals(cells.size() - 3, cells.stream().filter(String::isEmpty).count(), "only its name, status and reason are filled: " + cells);
        assertEquals("broken: damaged: " + reason, fx(() -> drawn.get(0).getTooltip().getText()));

        RunsPane pane = robot.lookup(".runs-pane").query();
        selectOnly(pane, "broken");
        WaitForAsyncUtils.waitForFxEvents();
        for (String button : List.of("#openRun", "#renameRun", "#resumeRun", "#exportRun"))
            assertTrue(fx(() -> robot.lookup(button).queryButton().isDisabled()), button);
        String why = fx(() -> vm().runs().damagedReasonProperty().get());
        assertTrue(why.startsWith("broken is damaged"), why);
        assertEquals(why, fx(() -> javafx.scene.control.Tooltip.class.cast(robot.lookup("#exportRun").queryButton().getParent()
                .getProperties().get("javafx.scene.control.Tooltip")).getText()), "the tooltip on the disabled button's holder");
        assertFalse(fx(() -> robot.lookup("#deleteRun").queryButton().isDisabled()));
        robot.clickOn("#deleteRun");
        waitFor("deleted", 20, () -> vm().runs().rows().size() == 2);
        assertEquals(List.of(List.of("broken")), asked);
        assertFalse(Files.exists(store.resolve("broken")));
        assertTrue(Files.isDirectory(store.resolve("good")));
    }

    @Test
    void aRunStartedInTheAppIsInTheStoreWithACheckpointAfterItsFirstEpochAndIsNeverDiscardedSilently(FxRobot robot) {
        fx(() -> {
            vm().runs().rootProperty().set(store);
            vm().config().epochsProperty().set(500);
            return null;
        });
        robot.clickOn("#startButton");
        waitFor("the first epoch", 60, () -> !vm().history().isEmpty());
        waitFor("the run in the store with its checkpoint", 30, () -> {
            var runs = new goodness.runs.RunStore(store).list();
            return runs.size() == 1 && runs.get(0).epochsDone() >= 1 && Files.exists(runs.get(0).folder().resolve(RunFolder.CHECKPOINT));
        });
        String first = new goodness.runs.RunStore(store).list().get(0).name();
        assertEquals(goodness.runs.RunStatus.RUNNING, new goodness.runs.RunStore(store).list().get(0).status());
        // The Runs tab lists it, and the charts' legend would name it by its store name.
        robot.clickOn("Runs");
        waitFor("listed in the Runs tab", 20, () -> vm().runs().rows().stream().anyMatch(r -> r.name().equals(first)));
        assertEquals(first, vm().charts().model().live().label());

        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> vm().stateProperty().get() == goodness.service.ServiceState.STOPPED);
        // A new Start leaves the stopped run in the store and says so, once.
        List<String> statusLines = java.util.Collections.synchronizedList(new ArrayList<>());
        fx(() -> {
            vm().statusTextProperty().addListener((o, a, b) -> statusLines.add(b));
            return null;
        });
        fx(() -> vm().start());
        waitFor("running again", 60, () -> vm().stateProperty().get() == goodness.service.ServiceState.RUNNING);
        waitFor("the notice", 10, () -> vm().statusTextProperty().get().contains("run " + first + " stays in the store"));
        waitFor("two runs in the store", 30, () -> new goodness.runs.RunStore(store).list().size() == 2);
        var old = new goodness.runs.RunStore(store).load(first);
        assertEquals(goodness.runs.RunStatus.STOPPED, old.summary().status());
        assertNotNull(old.checkpoint());
        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> !vm().stateProperty().get().active());
        assertEquals(1, statusLines.stream().filter(l -> l.contains("stays in the store")).count(), () -> "said once: " + statusLines);
    }

    @Test
    void resumingAStoppedRunFromTheRunsTabContinuesItsChartsWhereTheyStood(FxRobot robot) {
        fx(() -> {
            vm().runs().rootProperty().set(store);
            vm().config().epochsProperty().set(500);
            return null;
        });
        robot.clickOn("#startButton");
        waitFor("two epochs", 90, () -> vm().history().size() >= 2);
        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> vm().stateProperty().get() == goodness.service.ServiceState.STOPPED);
        int epochs = new goodness.runs.RunStore(store).list().get(0).epochsDone();
        String name = new goodness.runs.RunStore(store).list().get(0).name();
        fx(() -> {
            vm().reset(false);
            return null;
        });
        waitFor("reset", 30, () -> vm().stateProperty().get() == goodness.service.ServiceState.IDLE && vm().charts().pointCount(ChartsViewModel.COST) == 0);
        robot.clickOn("Runs");
        waitFor("listed", 20, () -> vm().runs().rows().stream().anyMatch(r -> r.name().equals(name) && r.resumable()));
        RunsPane pane = robot.lookup(".runs-pane").query();
        selectOnly(pane, name);
        robot.clickOn("#resumeRun");
        waitFor("resumed, paused", 60, () -> vm().stateProperty().get() == goodness.service.ServiceState.PAUSED);
        waitFor("its history on the charts", 20, () -> vm().charts().seriesPointCount(ChartsViewModel.COST, "trainlogcost") == epochs
                || vm().charts().model().live() != null && vm().charts().model().live().points(ChartsViewModel.COST, "trainlogcost").size() == epochs);
        assertEquals(epochs, (int) fx(() -> vm().history().size()));
        assertEquals(name, vm().service().runName(), "the same run continues, in its own folder");
        assertFalse(fx(() -> vm().charts().model().overlays().stream().anyMatch(r -> r.id().equals(name))), "the live run is not overlaid on itself");
    }

    private static void selectOnly(RunsPane pane, String name) {
        fx(() -> {
            var sel = pane.table().getSelectionModel();
            sel.clearSelection();
            for (int i = 0; i < pane.table().getItems().size(); i++) if (pane.table().getItems().get(i).name().equals(name)) sel.select(i);
            return null;
        });
    }

    @Test
    void everyHeadingIsShortEnoughForItsColumnAndHasItsFullNameInATooltip(FxRobot robot) {
        openStore(robot);
        javafx.scene.control.TableView<?> table = robot.lookup("#runsTable").query();
        List<String> checked = fx(() -> {
            List<String> problems = new ArrayList<>();
            for (javafx.scene.control.TableColumn<?, ?> c : table.getColumns()) {
                if (!(c.getGraphic() instanceof javafx.scene.control.Label l)) {
                    problems.add("no heading label: " + c.getText());
                    continue;
                }
                String tip = l.getTooltip() == null ? "" : l.getTooltip().getText();
                if (!tip.startsWith(l.getText()) || tip.length() <= l.getText().length()) problems.add("tooltip of " + l.getText() + ": " + tip);
                javafx.scene.text.Text t = new javafx.scene.text.Text(l.getText());
                t.setFont(l.getFont());
                // the narrowest the column gets: its minimum where set, else its preferred width; 8 px for the header's padding
                double room = c.getMinWidth() > 10 ? c.getMinWidth() : c.getPrefWidth();
                if (t.getLayoutBounds().getWidth() + 8 > room) problems.add(l.getText() + " is " + t.getLayoutBounds().getWidth() + " px in " + room);
            }
            return problems;
        });
        assertEquals(List.of(), checked);
        List<String> headings = fx(() -> table.getColumns().stream().map(c -> ((javafx.scene.control.Label) c.getGraphic()).getText()).toList());
        assertEquals(List.of("Name", "Preset", "Dataset", "Changed", "Status", "Epochs", "Best valid", "Test", "Date"), headings);
    }
}
