package dev.honestcompute.maven;

import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;

/**
 * One build id per {@code mvn} invocation, the same for every module, fork and Surefire/Failsafe execution: the
 * session's start time plus a random part, created by the first prepare-agent of the build and kept in the
 * resolver session's data, which every module of the reactor shares (also with {@code -T}). A user or CI can set its
 * own with {@code -Dhonestcompute.build.id=...}.
 */
final class BuildId {

    private static final Object KEY = BuildId.class.getName();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BuildId() {
    }

    /** The configured id if any, else this session's shared one. */
    static String of(MavenSession session, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        SessionData data = session.getRepositorySession().getData();
        Object existing = data.get(KEY);
        if (existing != null) {
            return existing.toString();
        }
        String fresh = create(session.getRequest().getStartTime());
        // compare-and-set: with -T two modules may race; the first id wins for both
        data.set(KEY, null, fresh);
        return String.valueOf(data.get(KEY));
    }

    static String create(Date start) {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return TIME.format((start == null ? new Date() : start).toInstant()) + "-" + HexFormat.of().formatHex(random);
    }

    /** Refuses ids that would break the argLine (white space, quotes) or are unreasonably long. */
    static String check(String id) {
        if (id.length() > 128 || !id.matches("[A-Za-z0-9._:+-]+")) {
            throw new IllegalArgumentException("build id '" + id + "' (honestcompute.build.id): expected at most 128 "
                    + "letters, digits or . _ : + - (no spaces or quotes), e.g. the CI run number");
        }
        return id;
    }
}
