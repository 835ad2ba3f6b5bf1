package goodness.cli;

import goodness.runs.CodeVersion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --version} on every command names the build the runs record, not a fixed string. */
class VersionCliTest {

    @Test
    void everyCommandPrintsTheBuildItsRunsRecord() {
        for (String[] args : new String[][] {{"--version"}, {"train", "--version"}, {"experiment", "separation", "-V"}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("goodness " + CodeVersion.current(), r.out().strip(), String.join(" ", args));
        }
    }
}
