package goodness.ui;

import javafx.application.Application;

/**
 * Plain entry point ({@code mvn javafx:run}, or {@code java -cp ... goodness.ui.GoodnessLauncher}):
 * launching a class that extends {@code Application} directly from the class path fails with
 * "JavaFX runtime components are missing".
 */
public final class GoodnessLauncher {
    private GoodnessLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(GoodnessApp.class, args);
    }
}
