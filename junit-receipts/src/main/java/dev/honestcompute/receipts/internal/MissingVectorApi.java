package dev.honestcompute.receipts.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes a test that died because its JVM lacks the Vector API module: engine code that uses
 * {@code jdk.incubator.vector} then fails with {@code NoClassDefFoundError: jdk/incubator/vector/...} (or, loading it
 * by name, {@code ClassNotFoundException: jdk.incubator.vector...}), anywhere in the failure's cause chain, while
 * {@code --add-modules jdk.incubator.vector} is not on the command line. The user gets the flag and where to put it,
 * not a stack trace about class loading.
 *
 * <pre>{@code
 * Optional<String> why = MissingVectorApi.explain(failure, MissingVectorApi.moduleInBootLayer());
 * }</pre>
 */
public final class MissingVectorApi {

    /** The module's name. */
    public static final String MODULE = "jdk.incubator.vector";
    /** The flag, as users type it. */
    public static final String FLAG = "--add-modules " + MODULE;
    /** How to add {@link #FLAG}, for every build the docs cover. */
    public static final String HOW_TO_ADD = "add " + FLAG + " to the test JVM: with the Honest Compute Maven "
            + "plugin set <vectorApi>true</vectorApi> in prepare-agent's <configuration>, otherwise put it in the "
            + "Surefire/Failsafe <argLine> (<argLine>@{argLine} " + FLAG + "</argLine>); Gradle: jvmArgs '"
            + "--add-modules', '" + MODULE + "' (docs/maven.md)";

    /** Causes looked at before giving up (a cause chain can be long, or a cycle). */
    static final int MAX_CAUSES = 32;

    private MissingVectorApi() {
    }

    /** Whether this JVM resolved the Vector API module (it was given {@link #FLAG}). */
    public static boolean moduleInBootLayer() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * The message that replaces {@code failure} when its cause chain shows a class of the Vector API could not be
     * found and the module is not in the JVM ({@code moduleLoaded} false); empty otherwise.
     */
    public static Optional<String> explain(Throwable failure, boolean moduleLoaded) {
        if (failure == null || moduleLoaded) {
            return Optional.empty();
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int n = 0;
        for (Throwable t = failure; t != null && n < MAX_CAUSES && seen.add(t); t = t.getCause(), n++) {
            if ((t instanceof LinkageError || t instanceof ClassNotFoundException) && namesTheModule(t.getMessage())) {
                return Optional.of("the test JVM has no Vector API module, so engine code that uses it could not be "
                        + "loaded (" + t.getClass().getName() + ": " + bounded(t.getMessage()) + "); " + HOW_TO_ADD
                        + ". Without the flag an engine either fails like this or silently takes its scalar path");
            }
        }
        return Optional.empty();
    }

    private static String bounded(String message) {
        return message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }

    private static boolean namesTheModule(String message) {
        return message != null && (message.contains("jdk/incubator/vector") || message.contains(MODULE));
    }
}
