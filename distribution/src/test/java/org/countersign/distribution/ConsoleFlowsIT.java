package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The web console in a real browser, through the running distribution. */
class ConsoleFlowsIT {

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        server = RunningCountersign.installIn(dir.resolve("countersign")).start();
        browser = new ConsoleBrowser("http://127.0.0.1:" + server.port(), dir.resolve("profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void theConsoleLoadsInABrowser() {
        browser.open("/");
        assertThat(browser.await(By.id("app")).getText()).isNotBlank();
        browser.screenshot("00-start");
    }
}
