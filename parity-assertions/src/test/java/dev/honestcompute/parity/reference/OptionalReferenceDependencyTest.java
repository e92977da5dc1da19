package dev.honestcompute.parity.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference engines' libraries are optional dependencies: on a class path without them (this test's class path
 * minus the jar, in a class loader of its own), picking the engine fails with the exact dependency to add, not with a
 * NoClassDefFoundError.
 */
class OptionalReferenceDependencyTest {

    @TempDir
    Path dir;

    private static URL[] classPathWithout(String without) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path e : TestClassPath.entries()) {
            if (!e.toString().replace('\\', '/').contains(without)) {
                urls.add(e.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static Throwable invokeWithout(String without, String className, String method, Class<?>[] types,
                                           Object... args) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithout(without),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> c = Class.forName(className, true, loader);
            Method m = c.getMethod(method, types);
            try {
                return (Throwable) m.invoke(null, args);
            } catch (InvocationTargetException e) {
                return e.getCause();
            }
        }
    }

    @Test
    void llamaCppReferenceWithoutTheBindingNamesTheDependencyToAdd() throws Exception {
        Path gguf = Files.write(dir.resolve("tiny.gguf"), new byte[] {1, 2, 3});
        Throwable t = invokeWithout("/de/kherud/", "dev.honestcompute.parity.reference.LlamaCppReference", "open",
                new Class<?>[] {Path.class}, gguf);
        assertThat(t.getClass().getName()).isEqualTo(MissingReferenceDependencyException.class.getName());
        assertThat(t.getMessage()).isEqualTo("LlamaCppReference needs de.kherud:llama:4.2.0 on the test class path, "
                + "but it is not there (class de.kherud.llama.LlamaModel not found). parity-assertions declares it "
                + "optional, so that projects which only use the metrics do not carry it; add it to your pom: "
                + "<dependency><groupId>de.kherud</groupId><artifactId>llama</artifactId><version>4.2.0</version>"
                + "<scope>test</scope></dependency> (Gradle: testImplementation(\"de.kherud:llama:4.2.0\"))");
    }

    @Test
    void containerReferenceWithoutTestcontainersFailsAndItsAvailabilitySaysWhy() throws Exception {
        Path gguf = Files.write(dir.resolve("tiny.gguf"), new byte[] {1, 2, 3});
        Throwable t = invokeWithout("/org/testcontainers/", "dev.honestcompute.parity.reference.LlamaServerContainer",
                "start", new Class<?>[] {Path.class}, gguf);
        assertThat(t.getClass().getName()).isEqualTo(MissingReferenceDependencyException.class.getName());
        assertThat(t.getMessage()).startsWith("LlamaServerContainer needs org.testcontainers:testcontainers:2.0.5 on "
                + "the test class path").contains("<artifactId>testcontainers</artifactId><version>2.0.5</version>");

        try (URLClassLoader loader = new URLClassLoader(classPathWithout("/org/testcontainers/"),
                ClassLoader.getPlatformClassLoader())) {
            Object availability = Class.forName("dev.honestcompute.parity.reference.LlamaServerContainer", true,
                    loader).getMethod("availability").invoke(null);
            Class<?> type = availability.getClass();
            assertThat(type.getMethod("ready").invoke(availability)).isEqualTo(false);
            assertThat(type.getMethod("deselected").invoke(availability)).as("a missing jar is no deselection")
                    .isEqualTo(false);
            assertThat((String) type.getMethod("reason").invoke(availability))
                    .startsWith("LlamaServerContainer needs org.testcontainers:testcontainers:2.0.5");
        }
    }

    @Test
    void withTheLibraryPresentTheCheckPassesAndTheVersionIsTheOneThisModuleIsBuiltWith() throws Exception {
        assertThat(OptionalDependency.LLAMA_CPP.present()).isTrue();
        assertThat(OptionalDependency.TESTCONTAINERS.present()).isTrue();
        for (OptionalDependency d : List.of(OptionalDependency.LLAMA_CPP, OptionalDependency.TESTCONTAINERS)) {
            Path jar = Path.of(Class.forName(d.probe(), false, getClass().getClassLoader()).getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(jar.getFileName().toString()).as("the message must name the version the build resolves")
                    .isEqualTo(d.artifactId() + "-" + d.version() + ".jar");
        }
    }
}
