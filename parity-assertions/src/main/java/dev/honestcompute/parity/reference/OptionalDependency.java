package dev.honestcompute.parity.reference;

/**
 * A library a reference engine needs and {@code parity-assertions} declares optional. {@link #require} runs before
 * any class of that library is touched, so a missing jar fails with the dependency to add instead of a
 * {@code NoClassDefFoundError} from deep inside the engine.
 *
 * @param user       the reference engine that needs it, e.g. {@code LlamaCppReference}
 * @param groupId    Maven coordinates of the library
 * @param artifactId Maven coordinates of the library
 * @param version    the version this module is built and tested against
 * @param probe      a class of the library that is always present
 */
record OptionalDependency(String user, String groupId, String artifactId, String version, String probe) {

    /** llama.cpp in-process (JNI), for {@link LlamaCppReference}. */
    static final OptionalDependency LLAMA_CPP = new OptionalDependency("LlamaCppReference", "de.kherud", "llama",
            "4.2.0", "de.kherud.llama.LlamaModel");
    /** Testcontainers, for {@link LlamaServerContainer}. */
    static final OptionalDependency TESTCONTAINERS = new OptionalDependency("LlamaServerContainer", "org.testcontainers",
            "testcontainers", "2.0.5", "org.testcontainers.containers.GenericContainer");

    String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** Whether the library is on the class path of this module's classes. */
    boolean present() {
        try {
            Class.forName(probe, false, OptionalDependency.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The sentence that says what is missing and the exact block to add. */
    String message() {
        return user + " needs " + coordinates() + " on the test class path, but it is not there (class " + probe
                + " not found). parity-assertions declares it optional, so that projects which only use the metrics "
                + "do not carry it; add it to your pom: <dependency><groupId>" + groupId + "</groupId><artifactId>"
                + artifactId + "</artifactId><version>" + version + "</version><scope>test</scope></dependency> "
                + "(Gradle: testImplementation(\"" + coordinates() + "\"))";
    }

    /** @throws MissingReferenceDependencyException when the library is missing */
    void require() {
        if (!present()) {
            throw new MissingReferenceDependencyException(message(), coordinates());
        }
    }
}
