package dev.honestcompute.parity;

import dev.honestcompute.fixtures.cache.ModelCache;
import dev.honestcompute.fixtures.fetch.Fetcher;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.fixtures.lock.ModelLockfile;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** A reference engine gets the test's own verified models through {@link ParityContext#model(String)}. */
class ParityContextModelsTest {

    @TempDir
    Path tmp;
    Path lockfile;
    Path cacheDir;

    @BeforeEach
    void lockfileAndCache() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("mirror")).resolve("scale.txt");
        Files.writeString(source, "2.5\n");
        lockfile = tmp.resolve("models.lock.json");
        Files.writeString(lockfile, "{\"schema_version\": 1, \"models\": [{\"name\": \"scale\", \"tier\": \"ci\","
                + " \"format\": \"txt\", \"description\": \"d\", \"license\": \"l\", \"files\": [{\"path\":"
                + " \"scale.txt\", \"urls\": [\"" + source.toUri() + "\"], \"sha256\": \"" + Sha256.of(source)
                + "\", \"size_bytes\": " + Files.size(source) + "}]}]}");
        cacheDir = tmp.resolve("cache");
        Fetcher.create(ModelCache.at(cacheDir), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .fetch(ModelLockfile.read(lockfile).model("scale").orElseThrow(), false);
        ParityContextModelsTestCases.SEEN.clear();
    }

    private EngineExecutionResults run(Class<?> cases) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(cases))
                .configurationParameter(RequiresModel.LOCKFILE_PARAMETER, lockfile.toString())
                .configurationParameter(RequiresModel.CACHE_PARAMETER, cacheDir.toString())
                .configurationParameter(ParityWith.FAILURES_PARAMETER, tmp.resolve("failures.jsonl").toString())
                .execute();
    }

    @Test
    void theReferenceLoadsTheSameVerifiedFileTheTestGot() {
        EngineExecutionResults results = run(ParityContextModelsTestCases.ReferenceSharesTheModel.class);

        assertThat(results.testEvents().failed().stream().map(e -> e.getPayload(
                org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable()).map(String::valueOf)
                .orElse(""))).isEmpty();
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(ParityContextModelsTestCases.SEEN).hasSize(2);
        assertThat(ParityContextModelsTestCases.SEEN.get(0)).isEqualTo(ParityContextModelsTestCases.SEEN.get(1))
                .startsWith(cacheDir);
    }

    @Test
    void aModelTheTestDoesNotRequireIsAClearErrorNamingBoth() {
        EngineExecutionResults results = run(ParityContextModelsTestCases.UndeclaredModel.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof IllegalStateException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the IllegalStateException from ParityContext.model, in %s", failure).isNotNull();
        assertThat(cause.getMessage()).contains("model(\"not-required\")").contains("[scale]")
                .contains("add @RequiresModel(\"not-required\")");
    }
}
