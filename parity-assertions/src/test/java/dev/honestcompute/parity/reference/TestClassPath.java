package dev.honestcompute.parity.reference;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** This test JVM's class path entries, with Surefire's manifest-only booter jar expanded. */
final class TestClassPath {

    private TestClassPath() {
    }

    static List<Path> entries() throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> out = new ArrayList<>();
        for (String e : cp.split(java.io.File.pathSeparator)) {
            out.add(Path.of(e));
        }
        if (out.size() == 1 && out.get(0).toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(out.get(0).toFile())) {
                String manifestCp = jar.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifestCp != null) {
                    out.clear();
                    for (String e : manifestCp.trim().split(" +")) {
                        out.add(Path.of(URI.create(e)));
                    }
                }
            }
        }
        return out;
    }

    static String asString() throws IOException {
        return String.join(java.io.File.pathSeparator, entries().stream().map(Path::toString).toList());
    }
}
