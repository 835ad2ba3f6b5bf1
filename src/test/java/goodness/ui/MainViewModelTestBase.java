package goodness.ui;

import goodness.data.DatasetLoader;
import goodness.service.ServiceTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Duration;

import static goodness.ui.FxTestSupport.fx;

/** For tests of the window's view model without a window: the FX toolkit, a temporary folder, and the view model shut down after each test. */
abstract class MainViewModelTestBase {
    @TempDir
    Path tmp;
    MainViewModel vm;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (vm != null) fx(() -> {
            vm.shutdown(Duration.ofSeconds(1));
            return null;
        });
    }

    /** A view model as the window makes it, on a tiny network's config. */
    MainViewModel newViewModel() {
        return fx(() -> new MainViewModel(ServiceTestSupport.tiny(1), DatasetLoader::defaultDataRoot));
    }
}
