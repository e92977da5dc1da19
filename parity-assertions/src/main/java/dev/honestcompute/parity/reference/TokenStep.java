package dev.honestcompute.parity.reference;

import java.util.List;

/**
 * One generated token with its log-probability and the top candidates the engine reported.
 *
 * @param chosen     the generated token
 * @param candidates top-n candidates, most probable first (empty when probabilities were not requested)
 */
public record TokenStep(TokenCandidate chosen, List<TokenCandidate> candidates) {

    public TokenStep {
        candidates = List.copyOf(candidates);
    }
}
