package dev.honestcompute.receipts.determinism;

import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;

import dev.honestcompute.receipts.ReceiptSections;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * JUnit binding of {@link CheckDeterminism}: injects a {@link DeterminismRecorder}, runs the body once through the
 * normal invocation chain and then re-invokes the method for the remaining runs, each run in a recording window of its
 * own, compares the digests, puts the {@code determinism} section into the receipt, and fails when a run ran no kernel
 * (or far fewer than the first: a cache) or on the first difference.
 */
final class DeterminismExtension implements ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DeterminismExtension.class);
    private static final String RECORDER_KEY = "recorder";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DeterminismRecorder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("@CheckDeterminism: a DeterminismRecorder can only be injected "
                    + "into a test method, not into " + parameterContext.getDeclaringExecutable());
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RECORDER_KEY, k -> new DeterminismRecorder(),
                DeterminismRecorder.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        runRepeatedly(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        runRepeatedly(invocation, invocationContext, context);
    }

    private static void runRepeatedly(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                      ExtensionContext context) throws Throwable {
        CheckDeterminism config = annotation(context).orElseThrow(() -> new ExtensionConfigurationException(
                "DeterminismExtension registered on " + context.getUniqueId() + " without @CheckDeterminism"));
        int runs = config.runs();
        if (runs < 2) {
            throw new ExtensionConfigurationException("@CheckDeterminism(runs = " + runs + ") on "
                    + context.getUniqueId() + ": needs at least 2 runs to compare");
        }
        DeterminismRecorder recorder = context.getStore(NAMESPACE).get(RECORDER_KEY, DeterminismRecorder.class);
        if (recorder == null) {
            throw new ExtensionConfigurationException("@CheckDeterminism on " + context.getUniqueId() + ": the test "
                    + "method has no DeterminismRecorder parameter, so there is nothing to compare; add one and "
                    + "record each output with outputs.record(name, values)");
        }
        ThreadSettings threads = ThreadSettings.current();
        // each run in a window of its own, nested in the receipt's (which @EmitsReceipt opens around every
        // interceptor): the receipt counts every run whatever the annotation order, and each run's calls are known
        recorder.startRun();
        try (KernelWindow window = KernelRecorder.openWindow(context.getUniqueId() + "#determinism-run-0", false)) {
            invocation.proceed();
            window.close();
            recorder.ranKernelCalls(window.observations().totalCalls());
        }
        for (int r = 1; r < runs; r++) {
            recorder.startRun();
            try (KernelWindow window = KernelRecorder.openWindow(context.getUniqueId() + "#determinism-run-" + r,
                    false)) {
                ReflectionSupport.invokeMethod(call.getExecutable(), call.getTarget().orElse(null),
                        call.getArguments().toArray());
                window.close();
                recorder.ranKernelCalls(window.observations().totalCalls());
            } catch (Throwable t) {
                t.addSuppressed(new IllegalStateException("thrown in determinism run " + r + " of " + runs
                        + " (run 0 had completed)"));
                throw t;
            }
        }
        DeterminismReport report;
        try {
            report = DeterminismCheck.compare(recorder, threads);
        } catch (IllegalStateException e) {
            throw new AssertionError("@CheckDeterminism on " + context.getUniqueId() + ": " + e.getMessage(), e);
        }
        ReceiptSections.of(context).put(ReceiptSections.Section.DETERMINISM, report);
        report.assertEveryRunComputed();
        report.assertDeterministic();
    }

    /** The nearest annotation: the method, then the class and its enclosing classes. */
    private static Optional<CheckDeterminism> annotation(ExtensionContext context) {
        Optional<ExtensionContext> c = Optional.of(context);
        while (c.isPresent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            if (element.isPresent()) {
                Optional<CheckDeterminism> found = AnnotationSupport.findAnnotation(element.get(),
                        CheckDeterminism.class);
                if (found.isPresent()) {
                    return found;
                }
            }
            c = c.get().getParent();
        }
        return Optional.empty();
    }
}
