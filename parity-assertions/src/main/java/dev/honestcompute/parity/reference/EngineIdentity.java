package dev.honestcompute.parity.reference;

import java.util.Objects;

/**
 * Who computed a reference output: written into receipts next to the numbers.
 *
 * @param name    engine name, e.g. "llama.cpp-server"
 * @param version engine version or build as the engine reports it ("unknown (…why…)" when it does not)
 * @param detail  model or endpoint, e.g. the server URL and model path
 */
public record EngineIdentity(String name, String version, String detail) {

    public EngineIdentity {
        Objects.requireNonNull(name, "engine name must not be null");
        Objects.requireNonNull(version, "engine version must not be null (say \"unknown (reason)\")");
        Objects.requireNonNull(detail, "engine detail must not be null");
    }
}
