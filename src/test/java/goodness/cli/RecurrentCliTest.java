package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.data.DataSplits;
import goodness.data.Dataset;
import goodness.data.DatasetLoader;
import goodness.data.SplitKind;
import goodness.drawings.AppDrawings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code train --preset hinton-recurrent}, then {@code eval} and {@code predict} of the model it wrote, on a tiny network. */
class RecurrentCliTest {

    @Test
    void trainEvalAndPredictARecurrentModel(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        CliRunner.Result train = CliRunner.run("train", "--preset", "hinton-recurrent", "--hidden", "20,20", "--train-limit", "200",
                "--epochs", "1", "--eval-every", "0", "--backend", "ejml", "--threads", "1", "--no-progress", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        List<String> epochs = Files.readAllLines(out.resolve("metrics.jsonl")).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(1, epochs.size());
        JsonObject last = JsonParser.parseString(epochs.get(0)).getAsJsonObject();
        assertFalse(last.has("softmax_errors_valid"), "no readout: " + last);
        assertEquals(2, last.getAsJsonArray("pairwise_errors").size());
        JsonObject result = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        assertTrue(result.has("energy_errors_test") && !result.has("softmax_errors_test"), result.toString());
        JsonObject config = JsonParser.parseString(Files.readString(out.resolve("config.json"))).getAsJsonObject();
        assertEquals(8, config.getAsJsonObject("recurrentSettings").get("iterations").getAsInt(), config.toString());

        Path model = out.resolve("model.ffm");
        CliRunner.Result eval = CliRunner.run("eval", "--model", model.toString(), "--backend", "ejml", "--threads", "1", "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonObject e = JsonParser.parseString(eval.out()).getAsJsonObject();
        assertEquals(result.get("energy_errors_test").getAsInt(), e.get("energy_errors_test").getAsInt(),
                "eval scores the model as the run's end did: " + e);
        assertFalse(e.has("softmax_errors_test"), e.toString());

        DataSplits d = DatasetLoader.load(DatasetLoader.defaultDataRoot(), Dataset.MNIST, SplitKind.HINTON, 1);
        Path seven = tmp.resolve("seven.png");
        ImageIO.write(AppDrawings.darkOnWhite(d.test(), AppDrawings.TEST_IMAGE, AppDrawings.TEST_IMAGE_PNG_SIZE), "png", seven.toFile());
        CliRunner.Result predict = CliRunner.run("predict", "--model", model.toString(), "--json", seven.toString());
        assertEquals(0, predict.code(), predict.err());
        JsonObject p = JsonParser.parseString(predict.out().strip()).getAsJsonObject();
        int label = p.get("energy_label").getAsInt();
        assertTrue(label >= 0 && label < 10, p.toString());
        assertEquals(2, p.getAsJsonArray("goodness_per_layer").size());
        assertFalse(p.has("softmax_label") || p.has("softmax"), "no readout: " + p);
    }
}
