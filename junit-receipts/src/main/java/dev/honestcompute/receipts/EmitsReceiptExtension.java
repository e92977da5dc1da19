package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.internal.MissingVectorApi;
import dev.honestcompute.receipts.internal.ReceiptEmitter;
import dev.honestcompute.receipts.internal.ReceiptSettings;
import dev.honestcompute.receipts.internal.RecorderSetup;
import dev.honestcompute.receipts.internal.TestRun;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JUnit binding of {@link EmitsReceipt}. The recording window opens in {@code beforeTestExecution} and closes in
 * {@code afterTestExecution}, on the thread that runs the test: it covers the test method and every interceptor
 * around it (determinism re-runs, performance iterations) whatever the annotation order, and not the test's
 * {@code @BeforeEach}/{@code @AfterEach}. The window carries the test's context to the work it causes (see
 * {@link KernelRecorder}). A {@code MockComputeLeakError} thrown in the body propagates and fails the test, and is
 * recorded in the window even when the engine catches it. The receipt is assembled, verified and written in
 * {@code afterEach}, after other extensions had the chance to add their sections; dynamic tests have no
 * {@code afterEach} and are finished right after their body.
 *
 * <p>A test (or its lifecycle method) that dies because the JVM lacks the Vector API module fails with a message
 * naming {@code --add-modules jdk.incubator.vector} and where to add it, the original error as its cause
 * ({@link MissingVectorApi}).
 *
 * <p>The open windows are kept in this class, never in the {@code ExtensionContext.Store}, which test code can reach.
 */
final class EmitsReceiptExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback,
        InvocationInterceptor, AfterEachCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ReceiptSections.NAMESPACE;
    private static final String SETTINGS_KEY = "settings";

    /** One test's window and when it closed; keyed by the test's unique id. */
    private static final class Body {
        final KernelWindow window;
        Instant finished;

        Body(KernelWindow window) {
            this.window = window;
        }
    }

    private static final Map<String, Body> BODIES = new ConcurrentHashMap<>();

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        if (isFactory(context)) {
            return; // the factory itself runs no compute; each dynamic test gets its own window
        }
        BODIES.put(context.getUniqueId(), new Body(openWindow(context)));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Body body = BODIES.get(context.getUniqueId());
        if (body != null) {
            body.window.close();
            body.finished = Instant.now();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw explained(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw explained(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw explained(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw explained(throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw explained(throwable);
    }

    /**
     * The failure as the user should read it: engine code that died because the JVM lacks the Vector API module
     * becomes a failure naming {@code --add-modules jdk.incubator.vector} and where to put it (the original stays its
     * cause); any other failure is returned as it is.
     */
    static Throwable explained(Throwable failure) {
        if (failure instanceof ExtensionConfigurationException) {
            return failure; // already ours, or another extension's own explanation
        }
        return MissingVectorApi.explain(failure, MissingVectorApi.moduleInBootLayer())
                .<Throwable>map(message -> new ExtensionConfigurationException(message, failure))
                .orElse(failure);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext context) throws Throwable {
        Throwable failure = null;
        Body body = new Body(openWindow(context));
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = explained(t);
        } finally {
            body.window.close();
            body.finished = Instant.now();
        }
        AssertionError receiptFailure = emit(context, body, failure);
        rethrow(failure, receiptFailure);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Body body = BODIES.remove(context.getUniqueId());
        if (body == null && isFactory(context)) {
            return; // each dynamic test wrote its own receipt
        }
        Throwable failure = context.getExecutionException().orElse(null);
        AssertionError receiptFailure = emit(context, body, failure);
        if (receiptFailure != null) {
            if (failure == null) {
                throw receiptFailure;
            }
            // The test keeps its own outcome (failed or aborted); the broken rules travel with it.
            failure.addSuppressed(receiptFailure);
        }
    }

    private static boolean isFactory(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(TestFactory.class)).orElse(false);
    }

    /** Validates the configuration (before any state changes), readies the recorder and opens the test's window. */
    private static KernelWindow openWindow(ExtensionContext context) {
        EmitsReceipt request = request(context);
        policy(context, request); // bad configuration fails before the body runs
        try {
            RecorderSetup.ensure(context::getConfigurationParameter);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        KernelRecorder.WindowBuilder window = KernelRecorder.window(context.getUniqueId())
                .production(request.computePath() == EmitsReceipt.ComputePath.REAL)
                .requestedBackend(request.backend());
        testClass(context).ifPresent(window::testCode);
        testMethod(context).ifPresent(window::testMethod);
        return window.open();
    }

    /** Assembles, verifies and writes the receipt; returns the verification failure to throw, or {@code null}. */
    private static AssertionError emit(ExtensionContext context, Body body, Throwable failure) {
        EmitsReceipt request = request(context);
        ReceiptSettings settings = settings(context);
        String policy = policy(context, request);
        Method method = testMethod(context).orElseThrow(() -> new ExtensionConfigurationException(
                "@EmitsReceipt: no test method found for " + context.getUniqueId()));
        Class<?> testClass = method.getDeclaringClass();
        Class<?> reportedClass = testClass(context).orElse(testClass);
        ReceiptSections.of(context).seal();
        Instant now = Instant.now();
        if (body != null && body.finished == null) {
            body.window.close(); // afterTestExecution did not run (a failing beforeTestExecution of another extension)
            body.finished = now;
        }
        KernelObservations observations = body == null ? null : body.window.observations();
        TestRun run = new TestRun(context.getUniqueId(), classAsRun(context, reportedClass), method.getName(),
                context.getDisplayName(), isPlainMethod(context, reportedClass, method), status(failure),
                failure == null ? null : failure.getClass().getName() + ": " + failure.getMessage(),
                request.computePath() == EmitsReceipt.ComputePath.REAL, request.backend(), request.allowFallback(),
                request.simdWidthBits(), request.quantization(), request.expectFailedKernels(), policy, observations,
                KernelRecorder.isActive(), fixtures(context), sections(context), notes(context),
                body != null ? body.finished : now);
        return ReceiptEmitter.emit(settings.dir(), run).failure().orElse(null);
    }

    private static void rethrow(Throwable failure, AssertionError receiptFailure) throws Throwable {
        if (failure != null) {
            if (receiptFailure != null) {
                failure.addSuppressed(receiptFailure);
            }
            throw failure;
        }
        if (receiptFailure != null) {
            throw receiptFailure;
        }
    }

    private static String status(Throwable failure) {
        if (failure == null) {
            return "passed";
        }
        return failure instanceof TestAbortedException ? "aborted" : "failed";
    }

    /** The nearest {@link EmitsReceipt}: on the test method, its class (and superclasses), then enclosing classes. */
    static EmitsReceipt request(ExtensionContext context) {
        Optional<Method> method = testMethod(context);
        if (method.isPresent()) {
            Optional<EmitsReceipt> onMethod = AnnotationSupport.findAnnotation(method.get(), EmitsReceipt.class);
            if (onMethod.isPresent()) {
                return onMethod.get();
            }
        }
        for (Class<?> c = testClass(context).orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<EmitsReceipt> onClass = AnnotationSupport.findAnnotation(c, EmitsReceipt.class);
            if (onClass.isPresent()) {
                return onClass.get();
            }
        }
        throw new ExtensionConfigurationException("@EmitsReceipt extension is active for " + context.getUniqueId()
                + " but no @EmitsReceipt annotation was found on its method or class; register it only via the"
                + " annotation");
    }

    private static String policy(ExtensionContext context, EmitsReceipt request) {
        ReceiptSettings settings = settings(context);
        if (request.policy().isEmpty()) {
            return settings.policy();
        }
        try {
            return ReceiptSettings.checkPolicy(request.policy(), "@EmitsReceipt(policy) on " + context.getUniqueId());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static ReceiptSettings settings(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        ReceiptSettings settings = root.get(SETTINGS_KEY, ReceiptSettings.class);
        if (settings == null) {
            try {
                settings = ReceiptSettings.from(context::getConfigurationParameter);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
            }
            root.put(SETTINGS_KEY, settings);
        }
        return settings;
    }

    private static Optional<Method> testMethod(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isPresent()) {
                return c.getTestMethod();
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> testClass(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isPresent()) {
                return c.getTestClass();
            }
        }
        return Optional.empty();
    }

    /**
     * The test class as it ran: the outermost class's binary name, then {@code $} and each {@code @Nested} class's
     * simple name. A nested class inherited by two outer classes thus gets two names (and two receipt directories).
     */
    private static String classAsRun(ExtensionContext context, Class<?> innermost) {
        List<Class<?>> chain = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<Class<?>> cls = c.getTestClass();
            if (cls.isPresent() && (chain.isEmpty() || chain.get(0) != cls.get())) {
                chain.add(0, cls.get());
            }
        }
        if (chain.isEmpty()) {
            return innermost.getName();
        }
        StringBuilder name = new StringBuilder(chain.get(0).getName());
        for (int i = 1; i < chain.size(); i++) {
            name.append('$').append(chain.get(i).getSimpleName());
        }
        return name.toString();
    }

    private static boolean isPlainMethod(ExtensionContext context, Class<?> testClass, Method method) {
        String id = context.getUniqueId();
        String last = id.substring(id.lastIndexOf("/[") + 1);
        if (!last.startsWith("[method:")) {
            return false;
        }
        return ReflectionSupport.findMethods(testClass, m -> m.getName().equals(method.getName()),
                HierarchyTraversalMode.TOP_DOWN).size() == 1;
    }

    /** Fixtures reported for this test and for every enclosing container, outermost first. */
    private static List<TestRun.FixtureUse> fixtures(ExtensionContext context) {
        List<TestRun.FixtureUse> out = new ArrayList<>();
        for (ReceiptSections s : sectionChain(context)) {
            for (ReceiptSections.Fixture f : s.fixtures()) {
                TestRun.FixtureUse use = new TestRun.FixtureUse(f.name(), f.sha256(), f.sizeBytes());
                if (!out.contains(use)) {
                    out.add(use);
                }
            }
        }
        return out;
    }

    /** Other sections; the innermost context that set a section wins. */
    private static Map<String, JsonNode> sections(ExtensionContext context) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ReceiptSections s : sectionChain(context)) {
            s.sections().forEach((section, content) -> out.put(section.jsonName(), content));
        }
        return out;
    }

    /** Notes (stated by the test) for this test and every enclosing container; the innermost wins per key. */
    private static Map<String, JsonNode> notes(ExtensionContext context) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ReceiptSections s : sectionChain(context)) {
            out.putAll(s.notes());
        }
        return out;
    }

    /**
     * The sections of this test and its containers, outermost first. Each must belong to the context it is stored
     * for: sections copied from another test's store are refused, never merged into this receipt.
     */
    private static List<ReceiptSections> sectionChain(ExtensionContext context) {
        List<ReceiptSections> chain = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            ReceiptSections s = ReceiptSections.existing(c);
            if (s != null) {
                if (!s.owner().equals(c.getUniqueId())) {
                    throw new ExtensionConfigurationException("the receipt sections stored for " + c.getUniqueId()
                            + " belong to " + s.owner() + "; sections cannot be moved between tests");
                }
                chain.add(0, s);
            }
        }
        return chain;
    }
}
