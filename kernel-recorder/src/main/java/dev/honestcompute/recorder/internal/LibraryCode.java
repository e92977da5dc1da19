package dev.honestcompute.recorder.internal;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * Recognizes Honest Compute's own code by <em>where it was loaded from</em>, never by package name alone (a test class
 * can declare itself in {@code dev.honestcompute.*}): the recorder agent's own jar, the boot bridge, or a code source
 * (jar or class directory) that carries the library marker {@value #MARKER}, which every Honest Compute module
 * ships. The published jars are also sealed, so a class from elsewhere cannot join one of their packages.
 */
public final class LibraryCode {

    static final String MARKER = "META-INF/honest-compute/library";
    private static final String PREFIX = "dev.honestcompute.";
    private static final String BOOT_PACKAGE = "dev.honestcompute.recorder.boot.";
    private static final ConcurrentHashMap<String, Boolean> MARKED = new ConcurrentHashMap<>();
    private static final String AGENT = location(LibraryCode.class.getProtectionDomain());

    private LibraryCode() {
    }

    /** Whether {@code c} is Honest Compute's own code. */
    public static boolean isLibrary(Class<?> c) {
        if (c == null) {
            return false;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String name = c.getName();
        if (!name.startsWith(PREFIX)) {
            return false;
        }
        if (c.getClassLoader() == null) {
            return name.startsWith(BOOT_PACKAGE);
        }
        return isLibraryLocation(location(c));
    }

    /** Whether classes from {@code location} (see {@link #location}) are Honest Compute's own. */
    static boolean isLibraryLocation(String location) {
        if (location.isEmpty()) {
            return false;
        }
        if (location.equals(AGENT)) {
            return true;
        }
        return MARKED.computeIfAbsent(location, LibraryCode::carriesMarker);
    }

    /** Whether {@code c} was loaded from the recorder agent's own jar (or class directory, in its own tests). */
    static boolean fromAgent(String location) {
        return !location.isEmpty() && location.equals(AGENT);
    }

    static String agentLocation() {
        return AGENT;
    }

    /** Where {@code c} was loaded from, as a URL string; {@code ""} when unknown (boot classes, hidden classes). */
    static String location(Class<?> c) {
        try {
            return location(c.getProtectionDomain());
        } catch (SecurityException e) {
            return "";
        }
    }

    static String location(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "" : url.toString();
    }

    private static boolean carriesMarker(String location) {
        if (!location.startsWith("file:")) {
            return false;
        }
        try {
            Path p = Path.of(new URL(location).toURI());
            if (Files.isDirectory(p)) {
                return Files.isRegularFile(p.resolve(MARKER));
            }
            if (Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile(), false)) {
                    return jar.getEntry(MARKER) != null;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
