package dev.honestcompute.receipts.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesBothFilesIntoTheReceiptsDirectory() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));

        assertThat(run(dir.toString())).isEqualTo(ReportCli.OK);

        assertThat(out()).contains("report: 3 receipt(s), 0 unreadable")
                .contains(dir.resolve("index.html").toAbsolutePath().toString())
                .contains(dir.resolve("summary.md").toAbsolutePath().toString());
        assertThat(err()).isEmpty();
        assertThat(Files.readString(dir.resolve("index.html"))).contains("matmul_f32_simd");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("### Kernels per backend");
    }

    @Test
    void listsTheViolationsOfTheChosenPolicy() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bitnet"));
        Files.copy(dev.honestcompute.receipts.BitnetReceipts.mockRun(), dir.resolve("negative.json"));

        // BitNet.rs stops at its first failure; bitnet-strict adds the failed tests and the negative speed
        assertThat(run("--policy", "bitnet", dir.toString())).isEqualTo(ReportCli.OK);
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("HC003").doesNotContain("HC022", "HC025");
        assertThat(run("--policy", "bitnet-strict", "--out", tmp.resolve("strict").toString(), dir.toString()))
                .isEqualTo(ReportCli.OK);
        assertThat(Files.readString(tmp.resolve("strict/summary.md"))).contains("HC003", "HC022", "HC025");

        assertThat(run("--policy", "none", "--out", tmp.resolve("unchecked").toString(), dir.toString()))
                .isEqualTo(ReportCli.OK);
        assertThat(Files.readString(tmp.resolve("unchecked/summary.md"))).doesNotContain("HC003");

        assertThat(run("--policy", "strictest", dir.toString())).isEqualTo(ReportCli.BAD_INPUT);
        assertThat(err()).contains("strictest").contains("default, bitnet, bitnet-strict");
    }

    @Test
    void outWritesElsewhere() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Path target = tmp.resolve("site/report");

        assertThat(run("--out", target.toString(), dir.toString())).isEqualTo(ReportCli.OK);
        assertThat(run("--out=" + tmp.resolve("second"), dir.toString())).isEqualTo(ReportCli.OK);

        assertThat(target.resolve("index.html")).isRegularFile();
        assertThat(target.resolve("summary.md")).isRegularFile();
        assertThat(tmp.resolve("second/index.html")).isRegularFile();
        assertThat(dir.resolve("index.html")).doesNotExist();
    }

    @Test
    void aMissingDirectoryExitsWith2AndSaysWhatToDo() {
        Path missing = tmp.resolve("target/receipts");

        assertThat(run(missing.toString())).isEqualTo(ReportCli.BAD_INPUT);

        assertThat(err()).contains("report: receipts directory " + missing.toAbsolutePath() + " does not exist")
                .contains("run the tests first");
        assertThat(out()).isEmpty();
        assertThat(missing).doesNotExist();
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run()).isEqualTo(ReportCli.BAD_INPUT);
        assertThat(err()).contains("missing RECEIPTS_DIR").contains("usage: report [--out DIR] [--policy default|bitnet|bitnet-strict|none] RECEIPTS_DIR");
        err.reset();
        assertThat(run("--frobnicate", "x")).isEqualTo(ReportCli.BAD_INPUT);
        assertThat(err()).contains("unknown option '--frobnicate'");
        err.reset();
        assertThat(run("a", "b")).isEqualTo(ReportCli.BAD_INPUT);
        assertThat(err()).contains("one receipts directory expected, got 'a' and 'b'");
        err.reset();
        assertThat(run("x", "--out")).isEqualTo(ReportCli.BAD_INPUT);
        assertThat(err()).contains("--out needs a directory");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isEqualTo(ReportCli.OK);
        assertThat(out()).contains("usage: report [--out DIR] [--policy default|bitnet|bitnet-strict|none] RECEIPTS_DIR").contains("exit codes");
    }

    @Test
    void anOutputThatCannotBeWrittenExitsWith1() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Path blocker = Files.writeString(tmp.resolve("a-file"), "not a directory");

        assertThat(run("--out", blocker.resolve("sub").toString(), dir.toString())).isEqualTo(ReportCli.WRITE_FAILED);

        assertThat(err()).contains("cannot write the report into " + blocker.resolve("sub").toAbsolutePath());
    }
}
