package dev.honestcompute.recorder.evidence.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the NVIDIA driver ({@code libcuda.so.1}) and CUPTI ({@code libcupti.so*}) are, looked up by file name in a
 * bounded list of directories, never loaded: a probe must not change the process it reports on.
 */
final class CudaLibraries {

    static final String DRIVER = "libcuda.so.1";
    static final String CUPTI_PREFIX = "libcupti.so";
    private static final int MAX_DIRECTORIES = 64;
    private static final int MAX_ENTRIES_PER_DIRECTORY = 4096;

    private final List<Path> directories;

    CudaLibraries(List<Path> directories) {
        this.directories = List.copyOf(directories.subList(0, Math.min(directories.size(), MAX_DIRECTORIES)));
    }

    /** {@code LD_LIBRARY_PATH}, the usual driver directories, and the CUDA toolkits under {@code /usr/local}. */
    static CudaLibraries ofThisHost() {
        Set<Path> dirs = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/lib/wsl/lib")) {
            dirs.add(Path.of(d));
        }
        for (Path toolkit : toolkits(Path.of("/usr/local"))) {
            for (String sub : List.of("lib64", "lib", "extras/CUPTI/lib64", "targets/x86_64-linux/lib",
                    "targets/sbsa-linux/lib")) {
                dirs.add(toolkit.resolve(sub));
            }
        }
        return new CudaLibraries(new ArrayList<>(dirs));
    }

    List<Path> directories() {
        return directories;
    }

    Optional<Path> driver() {
        for (Path d : directories) {
            Path f = d.resolve(DRIVER);
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    Optional<Path> cupti() {
        for (Path d : directories) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(d, CUPTI_PREFIX + "*")) {
                int seen = 0;
                for (Path f : files) {
                    if (++seen > MAX_ENTRIES_PER_DIRECTORY) {
                        break;
                    }
                    if (Files.isRegularFile(f)) {
                        return Optional.of(f);
                    }
                }
            } catch (IOException e) {
                // an unreadable directory holds nothing we can use
            }
        }
        return Optional.empty();
    }

    private static List<Path> toolkits(Path local) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(local, "cuda*")) {
            for (Path d : dirs) {
                if (found.size() >= 8) {
                    break;
                }
                found.add(d);
            }
        } catch (IOException e) {
            // no /usr/local or unreadable: no toolkits
        }
        found.sort(null);
        return found;
    }
}
