package dev.honestcompute.recorder.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts {@code dev.honestcompute.recorder.boot.Bridge} on the bootstrap class path, so that code inserted into
 * {@code java.base} can call the recorder. The published agent jar keeps the bridge's class files under
 * {@value #STORED} (not as classes), so the application class loader can never define a second copy; they are
 * written to a fresh temporary jar and appended.
 */
final class BootJar {

    static final String STORED = "META-INF/honest-compute/boot/";
    private static final String[] CLASSES = {
        "dev/honestcompute/recorder/boot/Bridge.class", "dev/honestcompute/recorder/boot/Bridge$Hooks.class"};

    private BootJar() {
    }

    /** Appends the bridge; returns {@code null} on success, else why it could not. */
    static String append(Instrumentation inst) {
        ClassLoader own = BootJar.class.getClassLoader();
        try {
            Path dir = Files.createTempDirectory("honest-compute-boot-");
            Path jar = dir.resolve("recorder-boot.jar");
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                for (String c : CLASSES) {
                    InputStream in = own.getResourceAsStream(STORED + c);
                    if (in == null) {
                        in = own.getResourceAsStream(c); // the module's own tests run from target/classes
                    }
                    if (in == null) {
                        return "the agent jar has no " + STORED + c;
                    }
                    try (InputStream bytes = in) {
                        out.putNextEntry(new JarEntry(c));
                        bytes.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
            jar.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
            Class<?> bridge = Class.forName("dev.honestcompute.recorder.boot.Bridge", true, null);
            if (bridge.getClassLoader() != null) {
                return "the bridge was loaded by " + bridge.getClassLoader() + " instead of the boot class loader";
            }
            return null;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return e.toString();
        }
    }
}
