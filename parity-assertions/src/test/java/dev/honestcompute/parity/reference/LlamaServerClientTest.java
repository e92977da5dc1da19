package dev.honestcompute.parity.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP reference client against a local server that answers like llama.cpp's server / the OpenAI API. */
class LlamaServerClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, JsonNode> requests = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-llama-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            if (in.length > 0) {
                requests.put(path, JSON.readTree(in));
            }
            respond(exchange, status, body);
        });
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Test
    void llamaCppServerTokenizesAndGeneratesGreedilyWithProbabilities() {
        answer("/tokenize", 200, "{\"tokens\": [1, 356, 292]}");
        answer("/completion", 200, """
                {"content": " fox jumps",
                 "tokens": [286, 274],
                 "completion_probabilities": [
                   {"id": 286, "token": " fox", "logprob": -0.1,
                    "top_logprobs": [{"id": 286, "token": " fox", "logprob": -0.1},
                                     {"id": 9, "token": " dog", "logprob": -2.5},
                                     {"id": 7, "token": " cat", "logprob": -3.0}]},
                   {"id": 274, "token": " jumps", "logprob": -0.2,
                    "top_logprobs": [{"id": 274, "token": " jumps", "logprob": -0.2},
                                     {"id": 5, "token": " runs", "logprob": -1.9},
                                     {"id": 6, "token": " sits", "logprob": -4.0}]}]}""");
        answer("/props", 200, "{\"build_info\": \"b4916-c6af2161\", \"model_path\": \"/models/model.gguf\"}");
        LlamaServerClient client = LlamaServerClient.llamaCpp(base()).timeout(Duration.ofSeconds(5)).build();

        assertThat(client.tokenize("The quick").tokens()).containsExactly(1, 356, 292);
        assertThat(requests.get("/tokenize").get("content").asText()).isEqualTo("The quick");

        Generation g = client.generateGreedy(new int[] {1, 356, 292}, 2, 2);
        assertThat(g.tokenIds()).containsExactly(286, 274);
        assertThat(g.text()).isEqualTo(" fox jumps");
        assertThat(g.pieces()).containsExactly(" fox", " jumps");
        assertThat(g.steps().get(0).chosen().logprob()).isEqualTo(-0.1);
        assertThat(g.steps().get(1).candidates()).extracting(TokenCandidate::token).containsExactly(274, 5);
        assertThat(g.elapsed()).isPositive();
        JsonNode sent = requests.get("/completion");
        assertThat(sent.get("temperature").asDouble()).isZero();
        assertThat(sent.get("top_k").asInt()).isEqualTo(1);
        assertThat(sent.get("n_predict").asInt()).isEqualTo(2);
        assertThat(sent.get("n_probs").asInt()).isEqualTo(2);
        assertThat(sent.get("prompt").toString()).isEqualTo("[1,356,292]");

        assertThat(client.identity()).isEqualTo(new EngineIdentity("llama.cpp-server", "b4916-c6af2161",
                base() + " /models/model.gguf"));
    }

    @Test
    void openAiCompletionsGivePiecesAndLogprobsButNoIds() {
        answer("/v1/completions", 200, """
                {"choices": [{"text": " fox", "logprobs": {
                  "tokens": [" fox"], "token_logprobs": [-0.3],
                  "top_logprobs": [{" fox": -0.3, " dog": -1.7}]}}]}""");
        LlamaServerClient client = LlamaServerClient.openAi(base(), "tiny").build();
        Generation g = client.generateGreedy("The quick brown", 1, 2);
        assertThat(g.pieces()).containsExactly(" fox");
        assertThat(g.steps().get(0).candidates()).extracting(TokenCandidate::piece).containsExactly(" fox", " dog");
        assertThat(requests.get("/v1/completions").get("model").asText()).isEqualTo("tiny");
        assertThatThrownBy(g::tokenIds).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("GREEDY_TOKEN_IDS is not supported");
        assertThatThrownBy(() -> client.tokenize("x")).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("the OpenAI completions API has no tokenize endpoint");
        assertThatThrownBy(() -> client.generateGreedy("x", 1, 6)).hasMessageContaining("at most 5 log-probabilities");
    }

    @Test
    void httpErrorsNameTheEndpointStatusAndBody() {
        answer("/tokenize", 500, "{\"error\": \"model not loaded\"}");
        LlamaServerClient client = LlamaServerClient.llamaCpp(base()).build();
        assertThatThrownBy(() -> client.tokenize("x"))
                .isInstanceOf(ReferenceEngineException.class)
                .hasMessageContaining("llama.cpp server at " + base() + ": POST /tokenize answered HTTP 500: "
                        + "{\"error\": \"model not loaded\"}");
    }

    @Test
    void bodiesThatAreNotTheExpectedJsonAreClearErrors() {
        answer("/tokenize", 200, "<html>proxy login</html>");
        answer("/completion", 200, "{\"content\": \"x\"}");
        LlamaServerClient client = LlamaServerClient.llamaCpp(base()).build();
        assertThatThrownBy(() -> client.tokenize("x"))
                .hasMessageContaining("answered with a body that is not JSON: <html>proxy login</html>");
        assertThatThrownBy(() -> client.generateGreedy("x", 1, 0))
                .hasMessageContaining("has no 'completion_probabilities' array");
    }

    @Test
    void unreachableServerIsAClearError() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        LlamaServerClient client = LlamaServerClient.llamaCpp(URI.create("http://127.0.0.1:" + closedPort)).build();
        assertThatThrownBy(() -> client.tokenize("x"))
                .isInstanceOf(ReferenceEngineException.class)
                .hasMessageContaining("POST /tokenize")
                .hasMessageContaining("start the server or fix the URL");
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        server.createContext("/tokenize", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS); // released in @AfterEach; never answered in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{\"tokens\": []}");
        });
        LlamaServerClient client = LlamaServerClient.llamaCpp(base()).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.tokenize("x"))
                .hasMessageContaining("did not answer within PT0.3S");
    }

    @Test
    void badConfigurationIsRejected() {
        assertThatThrownBy(() -> LlamaServerClient.llamaCpp(URI.create("ftp://host/")))
                .hasMessageContaining("must be an http(s) URL");
        assertThatThrownBy(() -> LlamaServerClient.llamaCpp(base()).timeout(Duration.ZERO))
                .hasMessageContaining("timeout must be positive");
        LlamaServerClient client = LlamaServerClient.llamaCpp(base()).build();
        assertThatThrownBy(() -> client.generateGreedy(new int[0], 1, 0)).hasMessageContaining("promptTokens is empty");
        assertThatThrownBy(() -> client.generateGreedy("x", 0, 0)).hasMessageContaining("maxTokens must be > 0");
    }
}
