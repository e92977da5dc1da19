package dev.honestcompute.docs.samples;

import dev.honestcompute.fixtures.cache.ModelFixture;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Samples for docs/fixtures.md. They run against the shipped tiny models. */
class FixturesSample {

    // tag::requires-model[]
    @Test
    @RequiresModel("tiny-llama-hf")
    void loadsTheTinyModel(Path modelDir) {
        assertThat(modelDir.resolve("config.json")).content().contains("\"model_type\" : \"llama\"");
    }
    // end::requires-model[]

    // tag::two-models[]
    @Test
    void quantizedAndF32AreDifferentFiles(@RequiresModel("tiny-llama-gguf-f32") Path f32,
                                          @RequiresModel("tiny-llama-gguf-q8_0") ModelFixture q8) throws Exception {
        assertThat(Files.size(f32)).isGreaterThan(q8.sizeBytes());
        assertThat(q8.sha256()).hasSize(64); // what the receipt records for this model
    }
    // end::two-models[]
}
