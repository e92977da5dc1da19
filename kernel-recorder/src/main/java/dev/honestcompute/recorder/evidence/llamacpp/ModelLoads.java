package dev.honestcompute.recorder.evidence.llamacpp;

import dev.honestcompute.recorder.evidence.internal.BoundedText;
import dev.honestcompute.recorder.evidence.internal.OpenWindows;
import dev.honestcompute.recorder.evidence.internal.OwnDirectory;
import dev.honestcompute.recorder.evidence.internal.Reflection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The llama.cpp model loads the integration tracks, driven by {@link LlamaCppHooks}.
 *
 * <p>Why a log file and not {@code LlamaModel.setLogger}: de.kherud's {@code loadModel} calls llama.cpp's
 * {@code common_init()}, which replaces the log callback with llama.cpp's own logger, so a Java logger set beforehand
 * receives none of the load's lines (checked on 4.2.0: 0 callbacks during a load). llama.cpp's own logger also writes
 * every line, debug ones included, to the file named by {@code --log-file}; the integration points that option of the
 * caller's {@code ModelParameters} at a file in its own directory for the duration of the constructor, reads the
 * file once the load is logged as complete, deletes it, and gives the parameters back as they were. The log is
 * process-wide: two loads at the same time cannot be told apart and are both reported as unusable.
 */
final class ModelLoads {

    static final ModelLoads INSTANCE = new ModelLoads();
    static final String LOG_FILE = "--log-file";
    static final long MAX_LOG_BYTES = 8L * 1024 * 1024;
    /** How long the constructor's exit waits for llama.cpp's log thread to write the load's last line. */
    static final long FLUSH_WAIT_MILLIS = 2000;

    final OpenWindows<LlamaCppWindow> windows = new OpenWindows<>();
    final OwnDirectory directory = new OwnDirectory("honestcompute-llamacpp-");

    private final Map<Object, ModelLoad> models = new WeakHashMap<>();
    private final Set<Pending> active = new LinkedHashSet<>();
    private final ThreadLocal<Pending> loading = new ThreadLocal<>();
    private final AtomicLong numbers = new AtomicLong();

    /** A load between the constructor's entry and exit, on one thread. */
    private static final class Pending {
        final Object parameters;
        final long number;
        final LlamaCppWindow window;
        String model = "a model";
        String requestedGpuLayers;
        Path log;
        String problem;
        boolean concurrent;

        Pending(Object parameters, long number, LlamaCppWindow window) {
            this.parameters = parameters;
            this.number = number;
            this.window = window;
        }
    }

    void beforeLoad(Object parameters) {
        Pending p = new Pending(parameters, numbers.incrementAndGet(), windows.attributable());
        loading.set(p);
        synchronized (this) {
            if (!active.isEmpty()) {
                p.concurrent = true;
                active.forEach(other -> other.concurrent = true);
            }
            active.add(p);
        }
        Map<String, String> cli = cliParameters(parameters);
        if (cli == null) {
            p.problem = "the ModelParameters of the load could not be read (de.kherud.llama changed?), so its log"
                    + " could not be captured";
            return;
        }
        String modelPath = cli.get("--model");
        if (modelPath != null) {
            Path name = Path.of(modelPath).getFileName();
            p.model = name == null ? modelPath : name.toString();
        }
        p.requestedGpuLayers = cli.get("--gpu-layers");
        if (cli.containsKey("--log-disable")) {
            p.problem = "the load ran with ModelParameters.disableLog(), so llama.cpp logged nothing to read";
            return;
        }
        String existing = cli.get(LOG_FILE);
        if (existing != null && !directory.contains(Path.of(existing))) {
            p.problem = "the load wrote its log to the caller's own file (ModelParameters.setLogFile(" + existing
                    + ")); the integration does not read or take over a caller's log file";
            return;
        }
        try {
            p.log = directory.path().resolve("load-" + p.number + ".log");
            Reflection.call(parameters, "setLogFile", new Class<?>[] {String.class}, p.log.toString());
        } catch (Exception | LinkageError e) {
            p.problem = "pointing llama.cpp's log at the integration's directory failed: " + Reflection.describe(e);
            p.log = null;
        }
    }

    void loaded(Object parameters, Object model) {
        Pending p = take(parameters);
        ModelLoad load = finish(p);
        if (model != null) {
            synchronized (this) {
                models.put(model, load);
            }
        }
        if (p.window != null) {
            p.window.loaded(load);
        }
    }

    void loadFailed(Object parameters) {
        Pending p = take(parameters);
        if (p.log != null) {
            delete(p.log);
        }
    }

    void beforeInference(Object model) {
        if (model == null) {
            return;
        }
        ModelLoad load;
        synchronized (this) {
            load = models.get(model);
            if (load == null) {
                load = ModelLoad.unseen(numbers.incrementAndGet());
                models.put(model, load);
            }
        }
        LlamaCppWindow window = windows.attributable();
        if (window != null) {
            window.used(load);
        }
    }

    /** Ends the load: no longer active, the caller's parameters as they were. */
    private Pending take(Object parameters) {
        Pending p = loading.get();
        loading.remove();
        if (p == null || p.parameters != parameters) {
            p = new Pending(parameters, numbers.incrementAndGet(), null);
            p.problem = "the start of this load was not seen (LlamaModel's constructor is hooked only at its exit?)";
        }
        synchronized (this) {
            active.remove(p);
        }
        Map<String, String> cli = cliParameters(parameters);
        if (cli != null && p.log != null && p.log.toString().equals(cli.get(LOG_FILE))) {
            cli.remove(LOG_FILE);
        }
        return p;
    }

    private ModelLoad finish(Pending p) {
        if (p.concurrent) {
            if (p.log != null) {
                delete(p.log);
            }
            return new ModelLoad(p.number, p.model, p.requestedGpuLayers, p.window, null, "another llama.cpp model"
                    + " was loaded at the same time; llama.cpp writes one process-wide log, so the lines of"
                    + " concurrent loads cannot be told apart (load models one at a time)");
        }
        if (p.problem != null || p.log == null) {
            return new ModelLoad(p.number, p.model, p.requestedGpuLayers, p.window, null, p.problem);
        }
        try {
            LoadLog log = LoadLogParser.parse(readWhenComplete(p.log));
            if (!log.complete()) {
                return new ModelLoad(p.number, p.model, p.requestedGpuLayers, p.window, null, "llama.cpp's log of the"
                        + " load did not reach '" + LoadLogParser.LOADED_MARKER + "' within " + FLUSH_WAIT_MILLIS
                        + " ms, so it is incomplete");
            }
            return new ModelLoad(p.number, p.model, p.requestedGpuLayers, p.window, log, null);
        } catch (IOException e) {
            return new ModelLoad(p.number, p.model, p.requestedGpuLayers, p.window, null, "llama.cpp's log of the load"
                    + " could not be read: " + e.getMessage());
        } finally {
            delete(p.log);
        }
    }

    /** llama.cpp's logger writes from its own thread: wait (bounded) until the load's last line is in the file. */
    private static String readWhenComplete(Path log) throws IOException {
        long deadline = System.nanoTime() + FLUSH_WAIT_MILLIS * 1_000_000;
        while (true) {
            String text = Files.exists(log) ? BoundedText.read(log, MAX_LOG_BYTES, "the load logged more than any"
                    + " model load does; is another model's inference logging into it?") : "";
            if (text.contains(LoadLogParser.LOADED_MARKER) || System.nanoTime() > deadline) {
                return text;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return text;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cliParameters(Object parameters) {
        Object map = parameters == null ? null : Reflection.field(parameters, "parameters");
        return map instanceof Map ? (Map<String, String>) map : null;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file); // llama.cpp may keep it open until the next load: the inode goes then
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
