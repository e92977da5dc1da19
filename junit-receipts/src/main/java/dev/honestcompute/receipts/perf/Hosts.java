package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.honestcompute.receipts.host.HostFingerprint;

import java.util.List;

/**
 * The one place this package touches the host fingerprint ({@link HostFingerprint}); everything else passes
 * fingerprints around as JSON objects.
 */
final class Hosts {

    private Hosts() {
    }

    /** The running host's fingerprint as a JSON object. */
    static ObjectNode current() {
        return HostFingerprint.current().toJson();
    }

    /** The keys that decide comparability. */
    static List<String> comparedKeys() {
        return HostFingerprint.COMPARED_KEYS;
    }

    /**
     * Differences in the compared keys, e.g. "logical_cores: 8 (baseline) vs 2 (now)"; empty when comparable.
     *
     * @param whereNow      names the current fingerprint's source in error messages
     * @param whereBaseline names the baseline's file and field in error messages
     * @throws BaselineException when either fingerprint lacks a compared key
     */
    static List<String> differences(JsonNode now, String whereNow, JsonNode baseline, String whereBaseline) {
        return parse(now, whereNow).differencesFrom(parse(baseline, whereBaseline));
    }

    /** Checks that {@code node} is a usable fingerprint and returns a copy. */
    static ObjectNode validated(JsonNode node, String where) {
        return parse(node, where).toJson();
    }

    private static HostFingerprint parse(JsonNode node, String where) {
        try {
            return HostFingerprint.fromJson(node, where);
        } catch (IllegalArgumentException e) {
            throw new BaselineException(e.getMessage(), e);
        }
    }
}
