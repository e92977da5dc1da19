package dev.honestcompute.docs.samples;

import dev.honestcompute.fixtures.fetch.FetchLog;
import dev.honestcompute.fixtures.fetch.FetchReport;
import dev.honestcompute.fixtures.fetch.FetchRequest;
import dev.honestcompute.fixtures.fetch.FetchStatus;
import dev.honestcompute.fixtures.fetch.FileOutcome;
import dev.honestcompute.fixtures.fetch.FixturesFetch;
import dev.honestcompute.fixtures.fetch.ModelOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Sample for docs/fixtures.md, "From Java": the fetch API a build plugin calls, run on the shipped tiny models. */
class FixturesFetchSample {

    @TempDir
    Path cacheRoot;

    @Test
    void fetchesTheCiTierIntoACache() {
        Path lockfile = Path.of("../examples/models.lock.json");
        // tag::fixtures-fetch[]
        FetchRequest request = FetchRequest.builder(lockfile)
                .systemProperties(System.getProperties()) // the honestcompute.fetch.* properties; later setters win
                .tier("ci")
                .cacheRoot(cacheRoot)                     // default: -Dhonestcompute.cache, $HONEST_COMPUTE_CACHE, ~/.cache/...
                .build();
        FetchReport report = FixturesFetch.run(request, FetchLog.to(System.err));
        if (!report.ok()) {
            throw new IllegalStateException(report.summary()); // report.exitCode() is the command line's exit code
        }
        // end::fixtures-fetch[]
        assertThat(report.exitCode()).isZero();
        assertThat(report.models()).extracting(ModelOutcome::name)
                .contains("tiny-llama-hf", "tiny-llama-gguf-f32", "tiny-llama-gguf-q8_0");
        assertThat(report.models()).flatExtracting(ModelOutcome::files).extracting(FileOutcome::status)
                .containsOnly(FetchStatus.FETCHED);

        FetchReport again = FixturesFetch.run(request, FetchLog.silent());
        assertThat(again.models()).flatExtracting(ModelOutcome::files).extracting(FileOutcome::status)
                .containsOnly(FetchStatus.ALREADY_VERIFIED);
    }

    @Test
    void aLockfileThatCannotBeReadIsAReportWithExitCodeTwo() {
        FetchReport report = FixturesFetch.run(FetchRequest.builder(cacheRoot.resolve("missing.json")).build(),
                FetchLog.silent());
        assertThat(report.exitCode()).isEqualTo(FetchReport.INVALID);
        assertThat(report.summary()).contains("missing.json does not exist");
    }
}
