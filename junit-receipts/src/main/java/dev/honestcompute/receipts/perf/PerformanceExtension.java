package dev.honestcompute.receipts.perf;

import dev.honestcompute.receipts.ReceiptSections;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JUnit binding of {@link MeasurePerformance}: injects a {@link PerfRecorder} configured from the annotation, and
 * after the test body returns compares every measurement with the baseline and puts the {@code performance} section
 * into the test's receipt (before {@code @EmitsReceipt} assembles it in {@code afterEach}).
 */
final class PerformanceExtension implements ParameterResolver, InvocationInterceptor {

    static final String BASELINES_DIR_KEY = "honestcompute.perf.baselines";
    static final String DEFAULT_BASELINES_DIR = "perf-baselines";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PerformanceExtension.class);
    private static final String RECORDER_KEY = "recorder";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PerfRecorder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("@MeasurePerformance: a PerfRecorder can only be injected into "
                    + "a test method, not into " + parameterContext.getDeclaringExecutable());
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RECORDER_KEY, k -> create(context),
                PerfRecorder.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        measureAround(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        measureAround(invocation, context);
    }

    private static void measureAround(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        // Configuration errors surface before the body runs.
        RegressionPolicy policy = policy(context);
        Path baselines = baselinesDir(context);
        invocation.proceed();
        PerfRecorder recorder = context.getStore(NAMESPACE).get(RECORDER_KEY, PerfRecorder.class);
        if (recorder == null || recorder.measurements().isEmpty()) {
            throw new PerfMeasurementException("@MeasurePerformance on " + context.getUniqueId() + ": the test took "
                    + "no measurement; add a PerfRecorder parameter and measure the work with perf.measure(name, "
                    + "() -> work()) or perf.measureStream(...), or remove @MeasurePerformance");
        }
        String testClass = context.getRequiredTestClass().getName();
        String testMethod = context.getRequiredTestMethod().getName();
        RegressionCheck check = new RegressionCheck(new BaselineStore(baselines), policy);
        List<BaselineComparison> comparisons = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        BaselineException firstError = null;
        for (Measurement m : recorder.measurements()) {
            try {
                comparisons.add(check.compare(testClass, testMethod, m));
            } catch (BaselineException e) {
                errors.add(m.name() + ": " + e.getMessage());
                firstError = firstError == null ? e : firstError;
            }
        }
        PerformanceReport report = PerformanceReport.of(recorder.measurements(), comparisons, policy,
                baselines.toString(), errors);
        ReceiptSections.of(context).put(ReceiptSections.Section.PERFORMANCE, report);
        context.publishReportEntry("honestcompute.performance", report.summaryLine());
        for (String w : report.warnings()) {
            context.publishReportEntry("honestcompute.performance.warning", w);
        }
        if (firstError != null) {
            throw firstError;
        }
        for (Measurement m : recorder.measurements()) {
            String problem = m.kernelEvidenceProblem();
            if (problem != null) {
                throw new AssertionError("@MeasurePerformance on " + context.getUniqueId() + ": " + problem);
            }
        }
        List<String> gating = new ArrayList<>();
        for (BaselineComparison c : comparisons) {
            if (c.failsBuild()) {
                gating.add(c.message());
            }
        }
        if (!gating.isEmpty()) {
            throw new AssertionError("performance regression in " + testClass + "#" + testMethod + " ("
                    + RegressionPolicy.GATING_KEY + "=true): " + String.join("; ", gating));
        }
    }

    private static PerfRecorder create(ExtensionContext context) {
        MeasurePerformance config = annotation(context).orElseThrow(() -> new ExtensionConfigurationException(
                "PerfRecorder injected into " + context.getUniqueId() + " without @MeasurePerformance on the test "
                        + "method or class"));
        try {
            return PerfRecorder.create(config.warmup(), config.iterations()).unit(config.unit())
                    .kernelWindow(context.getUniqueId(), true);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@MeasurePerformance on " + context.getUniqueId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The nearest annotation: the method, then the class and its enclosing classes. */
    private static Optional<MeasurePerformance> annotation(ExtensionContext context) {
        Optional<ExtensionContext> c = Optional.of(context);
        while (c.isPresent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            if (element.isPresent()) {
                Optional<MeasurePerformance> found = AnnotationSupport.findAnnotation(element.get(),
                        MeasurePerformance.class);
                if (found.isPresent()) {
                    return found;
                }
            }
            c = c.get().getParent();
        }
        return Optional.empty();
    }

    private static RegressionPolicy policy(ExtensionContext context) {
        try {
            return RegressionPolicy.fromConfig(key -> context.getConfigurationParameter(key).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@MeasurePerformance: " + e.getMessage(), e);
        }
    }

    private static Path baselinesDir(ExtensionContext context) {
        String raw = context.getConfigurationParameter(BASELINES_DIR_KEY).orElse(DEFAULT_BASELINES_DIR);
        if (raw.isBlank()) {
            throw new ExtensionConfigurationException("configuration parameter " + BASELINES_DIR_KEY
                    + " is blank; set it to the directory holding the baseline files, e.g. " + DEFAULT_BASELINES_DIR);
        }
        return Path.of(raw.trim());
    }
}
