package dev.honestcompute.parity;

import java.util.Map;

import dev.honestcompute.receipts.RequiredModels;

import dev.honestcompute.parity.reference.LlamaServerContainer;
import dev.honestcompute.receipts.ReceiptSections;
import dev.honestcompute.receipts.summary.Deselection;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The JUnit binding of {@link ParityWith}: the comparison is done by {@link ParityHarness} through
 * {@link ParityCheck}. The receipt section is put right after the test body returns (or throws), inside the
 * invocation, so it is in place before {@code @EmitsReceipt} assembles the receipt in {@code afterEach}.
 */
final class ParityWithExtension implements ExecutionCondition, BeforeEachCallback, ParameterResolver,
        InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ParityWithExtension.class);
    private static final String CHECK_KEY = "check";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("@ParityWith is evaluated per test");
        }
        Optional<ParityWith> declared = declared(context);
        if (declared.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @ParityWith");
        }
        ParityReference factory;
        try {
            factory = ReflectionSupport.newInstance(declared.get().reference());
        } catch (RuntimeException e) {
            return ConditionEvaluationResult.enabled("reference problem is reported when the test runs");
        }
        if (factory.needsDocker() && "skip".equals(selection(context))) {
            return ConditionEvaluationResult.disabled(Deselection.reason(ParityWith.CONTAINER_RULE,
                    "container parity (reference " + declared.get().reference().getName() + ") deselected for this "
                            + "run by " + ParityWith.CONTAINER_PARAMETER + "=skip; reported as deselected, not as "
                            + "passed"));
        }
        return ConditionEvaluationResult.enabled("parity reference can be selected");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<ParityWith> declared = declared(context);
        if (declared.isEmpty()) {
            return;
        }
        ParityWith with = declared.get();
        String where = "@ParityWith(reference = " + with.reference().getSimpleName() + ", profile = \""
                + with.profile() + "\") of " + context.getDisplayName() + " [" + context.getUniqueId() + "]";
        ToleranceProfile profile;
        try {
            profile = ToleranceProfile.named(with.profile());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
        ParityReference factory;
        try {
            factory = ReflectionSupport.newInstance(with.reference());
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(where + ": cannot create the reference factory "
                    + with.reference().getName() + " (" + e + "); give it a no-arg constructor", e);
        }
        if (factory.needsDocker()) {
            String selection = selection(context);
            if (selection != null && !selection.equals("run") && !selection.equals("skip")) {
                throw new ExtensionConfigurationException(where + ": " + ParityWith.CONTAINER_PARAMETER
                        + " must be 'run' or 'skip', but was '" + selection + "'");
            }
            LlamaServerContainer.Availability availability = LlamaServerContainer.availability();
            if (!availability.ready()) {
                throw new AssertionFailedError(where + ": the reference needs Docker and container parity cannot "
                        + "run: " + availability.reason());
            }
        }
        Path failures = Path.of(context.getConfigurationParameter(ParityWith.FAILURES_PARAMETER)
                .orElse(ParityWith.DEFAULT_FAILURES));
        context.getStore(NAMESPACE).put(CHECK_KEY, new ParityCheck(factory,
                new ParityContext(context.getDisplayName(), context.getUniqueId(), profile,
                        () -> RequiredModels.of(context)), new FailureLog(failures)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ParityCheck.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ParityCheck check = extensionContext.getTestMethod().isPresent()
                ? extensionContext.getStore(NAMESPACE).get(CHECK_KEY, ParityCheck.class) : null;
        if (check == null) {
            throw new ParameterResolutionException("a ParityCheck is injected only into test methods annotated (or in"
                    + " a class annotated) with @ParityWith; parameter " + parameterContext.getParameter().getName()
                    + " of " + parameterContext.getDeclaringExecutable() + " has none");
        }
        return check;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        around(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        around(invocation, extensionContext);
    }

    private static void around(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        ParityCheck check = context.getStore(NAMESPACE).get(CHECK_KEY, ParityCheck.class);
        if (check == null) {
            invocation.proceed();
            return;
        }
        Throwable failure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        }
        try {
            Map<String, Object> section = check.section();
            ReceiptSections.of(context).put(ReceiptSections.Section.PARITY, section);
            // also a JUnit report entry: IDEs and Surefire's XML show the verdict without opening the receipt
            context.publishReportEntry(REPORT_ENTRY,
                    dev.honestcompute.receipts.internal.ReceiptJson.mapper().writeValueAsString(section));
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            failure = combine(failure, e);
        }
        try {
            check.close();
        } catch (Exception e) {
            failure = combine(failure, new AssertionFailedError("@ParityWith of " + context.getDisplayName()
                    + ": closing the reference engine failed: " + e, e));
        }
        if (failure == null && check.checkedNothing()) {
            failure = new AssertionFailedError("@ParityWith of " + context.getDisplayName() + " ["
                    + context.getUniqueId() + "]: the test never called ParityCheck.check, so nothing was compared; "
                    + "call parity.check(input, engine) at least once or remove @ParityWith");
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The report entry key under which the parity section (JSON) is published for each test. */
    static final String REPORT_ENTRY = "honestcompute.parity";

    private static Throwable combine(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static String selection(ExtensionContext context) {
        return context.getConfigurationParameter(ParityWith.CONTAINER_PARAMETER)
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The method's annotation, else the nearest class's (the test class, then enclosing classes). */
    private static Optional<ParityWith> declared(ExtensionContext context) {
        Optional<ParityWith> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, ParityWith.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<ParityWith> onClass = AnnotationSupport.findAnnotation(c, ParityWith.class);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }
}
