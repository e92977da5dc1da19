package dev.honestcompute.recorder.evidence.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedTextTest {

    @Test
    void boundedTextRefusesALargerFileAndSaysHowToProceed(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("p.json"), "0123456789");
        assertThat(BoundedText.read(f, 10, "hint")).isEqualTo("0123456789");
        assertThatThrownBy(() -> BoundedText.read(f, 9, "raise the limit"))
                .hasMessage(f + " is 10 bytes, over the 9-byte limit; raise the limit");
    }

    @Test
    void listingsAreBounded() {
        assertThat(Listing.of(java.util.List.of("a", "b", "c"), 2)).isEqualTo("a, b and 1 more");
        assertThat(Listing.of(java.util.List.of("a"), 2)).isEqualTo("a");
    }
}
