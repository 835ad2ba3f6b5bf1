package goodness.runs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run records as the code that made it. */
class CodeVersionTest {

    @Test
    void aBuildFromGitNamesItsCommitAndWhetherTheTreeHadChanges() {
        assertEquals("0.1.0 (commit 468080e88777)", CodeVersion.describe("0.1.0", "468080e88777", "false"));
        assertEquals("0.1.0 (commit 468080e88777, uncommitted changes)", CodeVersion.describe("0.1.0", "468080e88777", "true"));
    }

    @Test
    void valuesTheBuildDidNotFillInAreLeftOut() {
        assertEquals("0.1.0", CodeVersion.describe("0.1.0", "${git.commit.id.abbrev}", "${git.dirty}"), "built outside git");
        assertEquals("0.1.0", CodeVersion.describe("0.1.0", null, null));
        assertEquals("unknown", CodeVersion.describe("${project.version}", "", null));
    }

    @Test
    void thisBuildRecordedItsVersion() {
        // The test classpath holds the filtered resource: Maven's version, and a commit when built in a git checkout.
        assertTrue(CodeVersion.current().startsWith("0.1.0-SNAPSHOT"), CodeVersion.current());
    }
}
