package dev.honestcompute.parity.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ReferenceEngine} over HTTP, for any engine speaking the llama.cpp server API ({@code /tokenize},
 * {@code /completion} with {@code n_probs}, {@code /props}) or the OpenAI completions API
 * ({@code /v1/completions} with {@code logprobs}, {@code /v1/models}). Plain {@code java.net.http}.
 *
 * <pre>{@code
 * ReferenceEngine llama = LlamaServerClient.llamaCpp(URI.create("http://127.0.0.1:8080"))
 *         .timeout(Duration.ofSeconds(30)).build();
 * Generation g = llama.generateGreedy(llama.tokenize("Once upon").tokens(), 8, 5);
 * }</pre>
 *
 * <p>Greedy means temperature 0 and top-k 1. Every failure (unreachable server, HTTP error, timeout, a body
 * that is not the expected JSON) is a {@link ReferenceEngineException} naming the endpoint and the next step.
 */
public final class LlamaServerClient implements ReferenceEngine {

    /** Which HTTP API the engine speaks. */
    public enum Api {
        /** llama.cpp server native API: token ids, tokenization, top-n probabilities. */
        LLAMA_CPP_SERVER,
        /** OpenAI completions API: text pieces and log-probabilities, no token ids, no tokenization. */
        OPENAI_COMPLETIONS
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_EXCERPT = 300;

    private final URI base;
    private final Api api;
    private final String model;
    private final Duration timeout;
    private final HttpClient http;
    private EngineIdentity identity;

    private LlamaServerClient(Builder b) {
        this.base = b.base;
        this.api = b.api;
        this.model = b.model;
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A client for a llama.cpp server at {@code base} (e.g. {@code http://127.0.0.1:8080}). */
    public static Builder llamaCpp(URI base) {
        return new Builder(base, Api.LLAMA_CPP_SERVER, null);
    }

    /** A client for an OpenAI-compatible completions endpoint serving {@code model}. */
    public static Builder openAi(URI base, String model) {
        return new Builder(base, Api.OPENAI_COMPLETIONS, Objects.requireNonNull(model, "model must not be null"));
    }

    /** Configures a {@link LlamaServerClient}. */
    public static final class Builder {
        private final URI base;
        private final Api api;
        private final String model;
        private Duration timeout = Duration.ofSeconds(60);

        private Builder(URI base, Api api, String model) {
            Objects.requireNonNull(base, "base URI must not be null");
            if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                throw new IllegalArgumentException("base URI must be an http(s) URL such as http://127.0.0.1:8080, but was "
                        + base);
            }
            String s = base.toString();
            this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            this.api = api;
            this.model = model;
        }

        /** Connect and per-request timeout (default 60 s). */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout must not be null");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, but was " + value);
            }
            this.timeout = value;
            return this;
        }

        public LlamaServerClient build() {
            return new LlamaServerClient(this);
        }
    }

    @Override
    public synchronized EngineIdentity identity() {
        if (identity == null) {
            identity = api == Api.LLAMA_CPP_SERVER ? llamaCppIdentity() : openAiIdentity();
        }
        return identity;
    }

    @Override
    public Set<Capability> capabilities() {
        return api == Api.LLAMA_CPP_SERVER
                ? EnumSet.of(Capability.TOKENIZE, Capability.GREEDY_TOKEN_IDS, Capability.GREEDY_TOKEN_PIECES,
                        Capability.TOKEN_PROBABILITIES)
                : EnumSet.of(Capability.GREEDY_TOKEN_PIECES, Capability.TOKEN_PROBABILITIES);
    }

    @Override
    public Tokenization tokenize(String text) {
        Objects.requireNonNull(text, "text must not be null");
        if (api != Api.LLAMA_CPP_SERVER) {
            throw new UnsupportedCapabilityException(Capability.TOKENIZE,
                    "the OpenAI completions API has no tokenize endpoint; use a llama.cpp server for tokenization parity");
        }
        ObjectNode body = JSON.createObjectNode().put("content", text).put("add_special", true);
        long start = System.nanoTime();
        JsonNode response = post("/tokenize", body);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Tokenization(intArray(response, "tokens", "/tokenize", "{\"tokens\": [1, 15043, ...]}"), elapsed);
    }

    @Override
    public Generation generateGreedy(int[] promptTokens, int maxTokens, int topProbabilities) {
        Objects.requireNonNull(promptTokens, "promptTokens must not be null");
        if (promptTokens.length == 0) {
            throw new IllegalArgumentException("promptTokens is empty; greedy generation needs at least one prompt token");
        }
        ArrayNode prompt = JSON.createArrayNode();
        for (int t : promptTokens) {
            prompt.add(t);
        }
        return generate(prompt, maxTokens, topProbabilities);
    }

    @Override
    public Generation generateGreedy(String prompt, int maxTokens, int topProbabilities) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        return generate(JSON.getNodeFactory().textNode(prompt), maxTokens, topProbabilities);
    }

    private Generation generate(JsonNode prompt, int maxTokens, int topProbabilities) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, but was " + maxTokens);
        }
        if (topProbabilities < 0) {
            throw new IllegalArgumentException("topProbabilities must be >= 0, but was " + topProbabilities);
        }
        // Always ask for at least one probability: that is what carries each token's piece and log-probability.
        int probs = Math.max(1, topProbabilities);
        long start = System.nanoTime();
        if (api == Api.LLAMA_CPP_SERVER) {
            ObjectNode body = JSON.createObjectNode();
            body.set("prompt", prompt);
            body.put("n_predict", maxTokens).put("temperature", 0.0).put("top_k", 1).put("n_probs", probs)
                    .put("cache_prompt", false).put("return_tokens", true).put("stream", false);
            JsonNode r = post("/completion", body);
            return parseLlamaCppCompletion(r, topProbabilities, Duration.ofNanos(System.nanoTime() - start));
        }
        if (topProbabilities > 5) {
            throw new IllegalArgumentException("the OpenAI completions API returns at most 5 log-probabilities per token, "
                    + "but " + topProbabilities + " were requested");
        }
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.set("prompt", prompt);
        body.put("max_tokens", maxTokens).put("temperature", 0.0).put("logprobs", probs).put("stream", false);
        JsonNode r = post("/v1/completions", body);
        return parseOpenAiCompletion(r, topProbabilities, Duration.ofNanos(System.nanoTime() - start));
    }

    private Generation parseLlamaCppCompletion(JsonNode r, int top, Duration elapsed) {
        String endpoint = "/completion";
        String text = text(r, "content", endpoint);
        JsonNode probs = r.get("completion_probabilities");
        if (probs == null || !probs.isArray()) {
            throw badResponse(endpoint, "has no 'completion_probabilities' array (requested with n_probs)", r);
        }
        List<TokenStep> steps = new ArrayList<>();
        for (JsonNode p : probs) {
            TokenCandidate chosen = llamaCandidate(p, endpoint, r);
            JsonNode topList = p.has("top_logprobs") ? p.get("top_logprobs") : p.get("top_probs");
            List<TokenCandidate> candidates = new ArrayList<>();
            if (top > 0) {
                if (topList == null || !topList.isArray()) {
                    throw badResponse(endpoint, "step " + steps.size() + " has no 'top_logprobs' array", r);
                }
                for (JsonNode c : topList) {
                    if (candidates.size() < top) {
                        candidates.add(llamaCandidate(c, endpoint, r));
                    }
                }
            }
            steps.add(new TokenStep(chosen, candidates));
        }
        int[] tokens;
        JsonNode tokenNode = r.get("tokens");
        if (tokenNode != null && tokenNode.isArray() && tokenNode.size() > 0) {
            tokens = intArray(r, "tokens", endpoint, "{\"tokens\": [...]}");
        } else {
            tokens = steps.stream().mapToInt(s -> s.chosen().token()).toArray();
        }
        if (tokens.length != steps.size()) {
            throw badResponse(endpoint, "reports " + tokens.length + " token ids but " + steps.size()
                    + " probability entries", r);
        }
        return new Generation(tokens, text, steps, elapsed);
    }

    private TokenCandidate llamaCandidate(JsonNode c, String endpoint, JsonNode whole) {
        JsonNode id = c.get("id");
        JsonNode piece = c.has("token") ? c.get("token") : c.get("tok_str");
        double logprob;
        if (c.has("logprob") && c.get("logprob").isNumber()) {
            logprob = c.get("logprob").asDouble();
        } else if (c.has("prob") && c.get("prob").isNumber()) {
            logprob = Math.log(c.get("prob").asDouble());
        } else {
            throw badResponse(endpoint, "has a probability entry without a numeric 'logprob' or 'prob': " + excerpt(c),
                    whole);
        }
        if (id == null || !id.canConvertToInt() || piece == null || !piece.isTextual()) {
            throw badResponse(endpoint, "has a probability entry without an integer 'id' and a text 'token': "
                    + excerpt(c), whole);
        }
        return new TokenCandidate(id.asInt(), piece.asText(), logprob);
    }

    private Generation parseOpenAiCompletion(JsonNode r, int top, Duration elapsed) {
        String endpoint = "/v1/completions";
        JsonNode choices = r.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw badResponse(endpoint, "has no 'choices' array", r);
        }
        JsonNode choice = choices.get(0);
        String text = text(choice, "text", endpoint);
        JsonNode logprobs = choice.get("logprobs");
        if (logprobs == null || !logprobs.isObject()) {
            throw badResponse(endpoint, "has no 'choices[0].logprobs' object (requested with logprobs)", r);
        }
        JsonNode pieces = logprobs.get("tokens");
        JsonNode lps = logprobs.get("token_logprobs");
        JsonNode tops = logprobs.get("top_logprobs");
        if (pieces == null || !pieces.isArray() || lps == null || !lps.isArray() || lps.size() != pieces.size()) {
            throw badResponse(endpoint, "has no matching 'tokens' and 'token_logprobs' arrays in choices[0].logprobs", r);
        }
        List<TokenStep> steps = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (!lps.get(i).isNumber()) {
                throw badResponse(endpoint, "token_logprobs[" + i + "] is not a number", r);
            }
            List<TokenCandidate> candidates = new ArrayList<>();
            if (top > 0) {
                JsonNode t = tops == null ? null : tops.get(i);
                if (t == null || !t.isObject()) {
                    throw badResponse(endpoint, "top_logprobs[" + i + "] is missing", r);
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    candidates.add(new TokenCandidate(null, e.getKey(), e.getValue().asDouble()));
                }
                candidates.sort(Comparator.comparingDouble(TokenCandidate::logprob).reversed());
                if (candidates.size() > top) {
                    candidates = candidates.subList(0, top);
                }
            }
            steps.add(new TokenStep(new TokenCandidate(null, pieces.get(i).asText(), lps.get(i).asDouble()), candidates));
        }
        return new Generation(null, text, steps, elapsed);
    }

    private EngineIdentity llamaCppIdentity() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/props")).GET(), "/props", "GET");
        if (response.statusCode() != 200) {
            return new EngineIdentity("llama.cpp-server", "unknown (GET /props answered HTTP " + response.statusCode() + ")",
                    base.toString());
        }
        JsonNode props = parse(response, "/props");
        String version = props.hasNonNull("build_info") ? props.get("build_info").asText()
                : "unknown (GET /props has no build_info)";
        String modelPath = props.hasNonNull("model_path") ? props.get("model_path").asText() : "unknown model";
        return new EngineIdentity("llama.cpp-server", version, base + " " + modelPath);
    }

    private EngineIdentity openAiIdentity() {
        return new EngineIdentity("openai-completions", "unknown (the OpenAI API reports no engine version)",
                base + " model " + model);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private JsonNode post(String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> response = send(request, path, "POST");
        if (response.statusCode() / 100 != 2) {
            throw new ReferenceEngineException(where("POST", path) + " answered HTTP " + response.statusCode() + ": "
                    + excerpt(response.body()) + "; check the server log (wrong model, bad request parameters or an "
                    + "overloaded server)");
        }
        return parse(response, path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String path, String method) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ReferenceEngineException(where(method, path) + " could not connect within " + timeout
                    + "; is the server running and reachable?", e);
        } catch (HttpTimeoutException e) {
            throw new ReferenceEngineException(where(method, path) + " did not answer within " + timeout
                    + "; raise the timeout with LlamaServerClient.Builder.timeout(…) or check that the server is not stuck",
                    e);
        } catch (ConnectException e) {
            throw new ReferenceEngineException(where(method, path) + " cannot connect (" + e.getMessage()
                    + "); start the server or fix the URL", e);
        } catch (IOException e) {
            throw new ReferenceEngineException(where(method, path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReferenceEngineException(where(method, path) + " was interrupted", e);
        }
    }

    private JsonNode parse(HttpResponse<String> response, String path) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new ReferenceEngineException(where("", path) + " answered with JSON that is not an object: "
                        + excerpt(response.body()));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ReferenceEngineException(where("", path) + " answered with a body that is not JSON: "
                    + excerpt(response.body()) + "; is this really a " + describeApi() + "?", e);
        }
    }

    private int[] intArray(JsonNode r, String field, String path, String expected) {
        JsonNode node = r.get(field);
        if (node == null || !node.isArray()) {
            throw badResponse(path, "has no '" + field + "' array (expected " + expected + ")", r);
        }
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode t = node.get(i);
            if (!t.isIntegralNumber() || !t.canConvertToInt()) {
                throw badResponse(path, "'" + field + "[" + i + "]' is not an integer token id: " + excerpt(t), r);
            }
            out[i] = t.asInt();
        }
        return out;
    }

    private String text(JsonNode r, String field, String path) {
        JsonNode node = r.get(field);
        if (node == null || !node.isTextual()) {
            throw badResponse(path, "has no text field '" + field + "'", r);
        }
        return node.asText();
    }

    private ReferenceEngineException badResponse(String path, String what, JsonNode body) {
        return new ReferenceEngineException(where("", path) + " response " + what + ": " + excerpt(body)
                + "; is this really a " + describeApi() + " (and a version that supports this field)?");
    }

    private String where(String method, String path) {
        return describeApi() + " at " + base + ": " + (method.isEmpty() ? "" : method + " ") + path;
    }

    private String describeApi() {
        return api == Api.LLAMA_CPP_SERVER ? "llama.cpp server" : "OpenAI-compatible completions server";
    }

    private static String excerpt(Object o) {
        String s = String.valueOf(o);
        return s.length() <= BODY_EXCERPT ? s : s.substring(0, BODY_EXCERPT) + "… (" + s.length() + " chars)";
    }
}
