package dev.conveyor.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The console's Triggers pages in a real headless Chromium against the whole system: a trigger made through the
 * API listed with what it watches, a file dropped into its directory shown on its page with a link to the job it
 * started, Pause and Resume, a read-only key without those buttons, and the console on a phone's screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTriggersIT {

    private ConsoleSystem console;
    private KeyedApi operator;
    private Path files;

    @BeforeAll
    void startSystemAndBrowser(@TempDir Path files) {
        this.files = files;
        console = ConsoleSystem.start(files);
        operator = console.operator();
    }

    @AfterAll
    void stopAll() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void lists_a_trigger_and_links_a_new_file_to_the_job_it_started() {
        String trigger = created("sales-files", "incoming/sales");
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.go("#/triggers");
        String row = "#triggers tr[data-trigger='" + trigger + "']";
        browser.await(driver -> browser.present(row));
        assertThat(browser.find(row).getText()).contains("sales-files", "incoming/sales/*.csv", "job noop", "active");

        browser.click(row + " a");
        browser.await(driver -> "ACTIVE".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(browser.find("#trigger-files").getText()).contains("No files yet.");
        write("incoming/sales/2026-12-03.csv");

        // no reload: the job the file starts comes through the live stream, and the files are read again
        String link = "#trigger-files tr[data-file-state='STARTED'] a[href^='#/jobs/']";
        browser.await(driver -> browser.present(link));
        JsonNode file = operator.get("/api/v1/triggers/" + trigger + "/files").path("items").path(0);
        assertThat(file.path("path").asString()).isEqualTo("incoming/sales/2026-12-03.csv");
        String job = file.path("jobId").asString();
        assertThat(browser.find("#trigger-files tbody").getText()).contains("incoming/sales/2026-12-03.csv");
        String href = browser.await(driver -> browser.find(link).getDomAttribute("href"));
        assertThat(href).isEqualTo("#/jobs/" + job);
        browser.screenshot(ConsoleSystem.IMAGES.resolve("console-trigger.png"));

        browser.click(link);
        browser.await(driver -> driver.getCurrentUrl().endsWith("#/jobs/" + job));
        browser.await(driver -> "SUCCEEDED".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(operator.get("/api/v1/jobs/" + job).path("params").path("file").asString())
                .as("the template's ${trigger.path}").isEqualTo("incoming/sales/2026-12-03.csv");
    }

    @Test
    void pauses_and_resumes_a_trigger_from_its_page() {
        String trigger = created("paused-files", "incoming/paused");
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.go("#/triggers/" + trigger);

        browser.click("#pause-trigger");
        browser.click("#confirm-yes");
        browser.await(driver -> "PAUSED".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(operator.get("/api/v1/triggers/" + trigger).path("paused").asBoolean()).isTrue();
        assertThat(browser.find("#trigger-message").getText()).isEqualTo("Paused.");

        browser.click("#resume-trigger");
        browser.click("#confirm-yes");
        browser.await(driver -> "ACTIVE".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(operator.get("/api/v1/triggers/" + trigger).path("paused").asBoolean()).isFalse();
    }

    @Test
    void shows_no_pause_button_to_a_key_that_may_only_read() {
        String trigger = created("read-only-files", "incoming/read-only");
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.go("#/triggers/" + trigger);
        browser.await(driver -> driver.findElement(By.id("pause-trigger")));

        console.signedIn(console.readerKey());
        browser.go("#/triggers/" + trigger);
        browser.await(driver -> "ACTIVE".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(browser.present("#pause-trigger")).isFalse();
        assertThat(browser.present("#resume-trigger")).isFalse();
        assertThat(operator.as(console.readerKey()).send("PATCH", "/api/v1/triggers/" + trigger,
                "{\"paused\": true}").statusCode()).as("nor may it pause one through the API").isEqualTo(403);
    }

    @Test
    void fits_a_phone_screen_without_scrolling_sideways() {
        String trigger = created("phone-files", "incoming/phone");
        String job = operator.accepted("/api/v1/jobs", "{\"type\": \"noop\", \"labels\": {\"team\": \"mobile\"}}");
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.resize(390, 844);
        try {
            for (String route : new String[] {"#/jobs", "#/jobs/" + job, "#/manifests", "#/schedules",
                    "#/triggers", "#/triggers/" + trigger, "#/dead-letters", "#/submit"}) {
                browser.go(route);
                browser.await(driver -> browser.present("main h1"));
                assertThat(browser.overflowsSideways()).as(route + " is wider than a phone").isFalse();
                assertThat(browser.find("header.top nav a[href='#/triggers']").isDisplayed()).as(route).isTrue();
            }
            browser.go("#/jobs");
            browser.await(driver -> browser.present("tr[data-job='" + job + "']"));
            browser.screenshot(ConsoleSystem.IMAGES.resolve("console-phone.png"));
        } finally {
            browser.resize(1280, 860);
        }
    }

    /** A trigger starting a {@code noop} job for each new CSV in {@code directory}, which it creates. */
    private String created(String name, String directory) {
        try {
            Files.createDirectories(files.resolve(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> response = operator.send("POST", "/api/v1/triggers", """
                {"name": "%s", "watch": {"path": "%s", "glob": "*.csv"},
                 "job": {"type": "noop", "params": {"file": "${trigger.path}"}}}""".formatted(name, directory));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return operator.get(response.headers().firstValue("Location").orElseThrow()).path("id").asString();
    }

    private void write(String path) {
        try {
            Files.writeString(files.resolve(path), "region,amount\nnorth,12\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
