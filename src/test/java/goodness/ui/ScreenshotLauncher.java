package goodness.ui;

import goodness.ff.FFConfig;
import javafx.application.Application;

/**
 * Starts the app with recipe A on the first N training images (argument; default 5000), for
 * screenshots of a run that gets through several epochs in a few minutes on a shared machine.
 * Everything else is the recipe's default. A second argument {@code recurrent} starts it on the
 * recurrent preset with two layers of 200 units instead. Not used by any test.
 */
public final class ScreenshotLauncher {
    private ScreenshotLauncher() {
    }

    public static void main(String[] args) {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        FFConfig c = args.length > 1 && args[1].equals("recurrent")
                ? FFConfig.recurrent().toBuilder().hiddenSizes(java.util.List.of(200, 200)).build()
                : FFConfig.hinton();
        GoodnessApp.setInitialConfig(c.toBuilder().trainLimit(limit).build());
        Application.launch(GoodnessApp.class);
    }
}
