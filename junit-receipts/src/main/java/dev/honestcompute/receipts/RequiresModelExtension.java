package dev.honestcompute.receipts;

import dev.honestcompute.fixtures.cache.FixtureProblem;
import dev.honestcompute.fixtures.cache.ModelCache;
import dev.honestcompute.fixtures.cache.ModelFixture;
import dev.honestcompute.fixtures.lock.LockedModel;
import dev.honestcompute.fixtures.lock.LockfileException;
import dev.honestcompute.receipts.internal.ModelRequirements;
import dev.honestcompute.receipts.summary.Deselection;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JUnit binding of {@link RequiresModel}; the work is done by {@link ModelRequirements}. */
final class RequiresModelExtension implements ExecutionCondition, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RequiresModelExtension.class);
    private static final String REQUIREMENTS_KEY = "requirements";
    private static final String RESOLVED_KEY = "resolved";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("@RequiresModel is evaluated per test");
        }
        ModelRequirements requirements = requirements(context);
        for (RequiresModel r : declared(context)) {
            LockedModel model;
            try {
                Lockfile lockfile = lockfile(r, context);
                model = requirements.entry(lockfile.path(), lockfile.ifMissing(), r.value());
            } catch (LockfileException e) {
                // a broken lockfile must fail the test, which happens in beforeEach; never disable on it
                return ConditionEvaluationResult.enabled("lockfile problem is reported when the test runs");
            }
            Optional<String> why = requirements.deselection(model);
            if (why.isPresent()) {
                return ConditionEvaluationResult.disabled(Deselection.reason(RequiresModel.TIER_RULE, why.get()));
            }
        }
        return ConditionEvaluationResult.enabled("every required model's tier is selected");
    }

    /** What {@link #beforeEach} resolved for the test of {@code context}; empty before that or without models. */
    @SuppressWarnings("unchecked")
    static Map<String, ModelFixture> resolved(ExtensionContext context) {
        Map<String, ModelFixture> resolved = context.getStore(NAMESPACE).get(RESOLVED_KEY, Map.class);
        return resolved == null ? Map.of() : java.util.Collections.unmodifiableMap(resolved);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ModelRequirements requirements = requirements(context);
        Map<String, ModelFixture> resolved = new LinkedHashMap<>();
        for (RequiresModel r : declared(context)) {
            if (resolved.containsKey(r.value())) {
                continue;
            }
            String where = "@RequiresModel(\"" + r.value() + "\") of " + context.getDisplayName() + " ["
                    + context.getUniqueId() + "]";
            ModelFixture fixture;
            try {
                Lockfile lockfile = lockfile(r, context);
                fixture = requirements.resolve(requirements.entry(lockfile.path(), lockfile.ifMissing(), r.value()),
                        lockfile.path());
            } catch (FixtureProblem | LockfileException e) {
                throw new AssertionFailedError(where + ": " + e.getMessage(), e);
            }
            resolved.put(r.value(), fixture);
            ReceiptSections.of(context).addFixture(fixture.name(), fixture.sha256(), fixture.sizeBytes());
        }
        context.getStore(NAMESPACE).put(RESOLVED_KEY, resolved);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type != Path.class && type != ModelFixture.class) {
            return false;
        }
        if (parameterContext.isAnnotated(RequiresModel.class)) {
            return true;
        }
        // a bare Path may belong to another extension (e.g. @TempDir): only take un-annotated ones
        if (parameterContext.getParameter().getAnnotations().length > 0) {
            return false;
        }
        return !declared(extensionContext).isEmpty() && parameterContext.getDeclaringExecutable() instanceof Method;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        @SuppressWarnings("unchecked")
        Map<String, ModelFixture> resolved = extensionContext.getStore(NAMESPACE).get(RESOLVED_KEY, Map.class);
        if (resolved == null) {
            throw new ParameterResolutionException("@RequiresModel models are resolved per test method; parameter "
                    + parameterContext.getParameter() + " of " + parameterContext.getDeclaringExecutable()
                    + " is not a test method parameter");
        }
        Optional<RequiresModel> own = parameterContext.findAnnotation(RequiresModel.class);
        ModelFixture fixture;
        if (own.isPresent()) {
            fixture = resolved.get(own.get().value());
        } else if (resolved.size() == 1) {
            fixture = resolved.values().iterator().next();
        } else {
            throw new ParameterResolutionException("parameter " + parameterContext.getParameter().getName() + " of "
                    + extensionContext.getDisplayName() + " could be any of the required models " + resolved.keySet()
                    + "; annotate it with @RequiresModel(\"<name>\") to choose one");
        }
        if (parameterContext.getParameter().getType() == ModelFixture.class) {
            return fixture;
        }
        return fixture.files().size() == 1 ? fixture.files().get(0).path() : fixture.directory();
    }

    /** Every {@code @RequiresModel} in scope: enclosing classes, the class, the method, the method's parameters. */
    private static List<RequiresModel> declared(ExtensionContext context) {
        List<RequiresModel> out = new ArrayList<>();
        Optional<Class<?>> testClass = context.getTestClass();
        if (testClass.isPresent()) {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = testClass.get(); c != null; c = c.getEnclosingClass()) {
                chain.add(0, c);
            }
            for (Class<?> c : chain) {
                out.addAll(AnnotationSupport.findRepeatableAnnotations(c, RequiresModel.class));
            }
        }
        context.getTestMethod().ifPresent(m -> {
            out.addAll(AnnotationSupport.findRepeatableAnnotations(m, RequiresModel.class));
            for (Parameter p : m.getParameters()) {
                out.addAll(AnnotationSupport.findRepeatableAnnotations(p, RequiresModel.class));
            }
        });
        return out;
    }

    /** The lockfile a {@code @RequiresModel} reads, and how to point at another one in the JUnit context. */
    private record Lockfile(Path path, String ifMissing) {
    }

    private static Lockfile lockfile(RequiresModel r, ExtensionContext context) {
        Optional<String> parameter = context.getConfigurationParameter(RequiresModel.LOCKFILE_PARAMETER);
        String path;
        String ifMissing;
        if (!r.lockfile().isBlank()) {
            path = r.lockfile();
            ifMissing = "fix @RequiresModel(lockfile = \"" + path + "\") or create the file";
        } else if (parameter.isPresent()) {
            path = parameter.get();
            ifMissing = "fix the JUnit configuration parameter " + RequiresModel.LOCKFILE_PARAMETER + "=" + path
                    + " or create the file";
        } else {
            path = ModelRequirements.DEFAULT_LOCKFILE;
            ifMissing = "no lockfile is configured, so " + path + " is read; set the JUnit configuration parameter "
                    + RequiresModel.LOCKFILE_PARAMETER + " (e.g. in src/test/resources/junit-platform.properties) or "
                    + "@RequiresModel(lockfile = \"...\") to your lockfile's path, or create " + path;
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            ifMissing += " (relative paths resolve against the test JVM's working directory "
                    + Path.of("").toAbsolutePath() + ")";
        }
        return new Lockfile(p, ifMissing);
    }

    private static ModelRequirements requirements(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        synchronized (RequiresModelExtension.class) {
            ModelRequirements r = store.get(REQUIREMENTS_KEY, ModelRequirements.class);
            if (r == null) {
                ModelCache cache = context.getConfigurationParameter(RequiresModel.CACHE_PARAMETER)
                        .map(p -> ModelCache.at(Path.of(p)))
                        .orElseGet(ModelCache::fromEnvironment);
                r = new ModelRequirements(cache,
                        context.getConfigurationParameter(RequiresModel.TIERS_PARAMETER).orElse(null));
                store.put(REQUIREMENTS_KEY, r);
            }
            return r;
        }
    }
}
