package dev.honestcompute.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the guide honest: every Java sample in {@code docs/*.md} is preceded by {@code <!-- sample: FILE#TAG -->}
 * and must equal the region between {@code // tag::TAG[]} and {@code // end::TAG[]} of a compiled source file under
 * {@code docs/src/test/java}, so code in the guide is code the build compiles (and, for tests, runs).
 *
 * <p>After changing a sample, run {@code ./mvnw -pl docs verify -Ddocs.updateGuide=true} to copy the regions into the
 * Markdown (atomic rewrite), then review the diff.
 */
class GuideSnippetsTest {

    static final Path GUIDE = Path.of(".");
    static final Path SAMPLES = Path.of("src/test/java/dev/honestcompute/docs/samples");

    @TestFactory
    Stream<DynamicTest> everyJavaBlockInTheGuideIsACompiledSample() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path md : guidePages()) {
            tests.add(DynamicTest.dynamicTest(md.getFileName().toString(), () -> checkPage(md)));
        }
        assertThat(tests).as("guide pages in %s", GUIDE.toAbsolutePath()).isNotEmpty();
        return tests.stream();
    }

    @Test
    void snippetCheckerRejectsADriftedSample() throws IOException {
        Path dir = Files.createTempDirectory("guide");
        Path md = dir.resolve("page.md");
        Files.writeString(md, "<!-- sample: FixturesSample.java#requires-model -->\n```java\nint drifted = 1;\n```\n");
        List<String> problems = GuideSnippets.check(md, SAMPLES, false);
        assertThat(problems).singleElement().asString()
                .contains("page.md:1").contains("FixturesSample.java#requires-model")
                .contains("differs from the compiled sample").contains("-Ddocs.updateGuide=true");

        Files.writeString(md, "```java\nint unchecked = 1;\n```\n");
        assertThat(GuideSnippets.check(md, SAMPLES, false)).singleElement().asString()
                .contains("page.md:1: a ```java block without a <!-- sample: FILE#TAG --> marker");

        Files.writeString(md, "<!-- sample: FixturesSample.java#no-such-tag -->\n```java\n```\n");
        assertThat(GuideSnippets.check(md, SAMPLES, false)).singleElement().asString()
                .contains("no region 'no-such-tag'");
    }

    private static void checkPage(Path md) throws IOException {
        boolean update = Boolean.getBoolean("docs.updateGuide");
        List<String> problems = GuideSnippets.check(md, SAMPLES, update);
        assertThat(problems).as("samples in %s", md).isEmpty();
    }

    private static List<Path> guidePages() throws IOException {
        try (Stream<Path> s = Files.list(GUIDE)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }
}
