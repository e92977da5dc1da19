package dev.honestcompute.recorder.evidence.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls are attributed as the recorder attributes kernel calls: own thread first, else the only open window. */
class OpenWindowsTest {

    private static String onOtherThread(OpenWindows<String> windows) throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>("unset");
        Thread t = new Thread(() -> seen.set(windows.attributable()));
        t.start();
        t.join();
        return seen.get();
    }

    @Test
    void theInnermostWindowOfTheThreadWins() {
        OpenWindows<String> windows = new OpenWindows<>();
        windows.opened("outer");
        windows.opened("inner");
        assertThat(windows.attributable()).isEqualTo("inner");
        windows.closed("inner");
        assertThat(windows.attributable()).isEqualTo("outer");
        windows.closed("outer");
        assertThat(windows.attributable()).isNull();
    }

    @Test
    void anotherThreadCountsInTheOnlyOpenWindowAndInNoneOfSeveral() throws Exception {
        OpenWindows<String> windows = new OpenWindows<>();
        windows.opened("a");
        assertThat(onOtherThread(windows)).isEqualTo("a");
        Thread t = new Thread(() -> windows.opened("b"));
        t.start();
        t.join();
        assertThat(onOtherThread(windows)).as("two windows open, neither on that thread: not guessed").isNull();
        assertThat(windows.attributable()).isEqualTo("a");
        assertThat(windows.isOpen("b")).isTrue();
    }
}
