package dev.conveyor.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The console's Schedules pages in a real headless Chromium against the whole system: a schedule made through the
 * API listed with its next fire time, Run now starting a job its firing links to, Pause and Resume, and a read-only
 * key without those buttons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSchedulesIT {

    private ConsoleSystem console;
    private KeyedApi operator;
    /** Fires yearly, so no tick comes during the test: its firings are the ones the test makes. */
    private String yearly;

    @BeforeAll
    void startSystemAndBrowser(@TempDir Path files) {
        console = ConsoleSystem.start(files);
        operator = console.operator();
        yearly = created("""
                {"name": "new-year-report", "cron": "0 0 3 1 1 *", "timeZone": "Europe/Berlin",
                 "job": {"type": "noop", "labels": {"team": "finance"}}}
                """);
    }

    @AfterAll
    void stopAll() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void lists_a_schedule_made_through_the_api_with_its_next_fire_time() {
        JsonNode schedule = operator.get("/api/v1/schedules/" + yearly);
        String nextFireTime = schedule.path("nextFireTimes").path(0).asString();
        assertThat(nextFireTime).as("a yearly tick, 02:00 UTC on 1 January").endsWith("-01-01T02:00:00Z");
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.go("#/schedules");

        String row = "#schedules tr[data-schedule='" + yearly + "']";
        browser.await(driver -> browser.present(row));
        assertThat(browser.find(row).getText()).contains("new-year-report", "0 0 3 1 1 *", "Europe/Berlin",
                "job noop", "active");
        assertThat(browser.find(row + " .next-fire time").getDomAttribute("datetime")).isEqualTo(nextFireTime);

        browser.find(row + " a").click();
        browser.await(driver -> "ACTIVE".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(browser.driver().findElements(By.cssSelector("#next-fire-times time")).stream()
                .map(time -> time.getDomAttribute("datetime")).toList())
                .containsExactlyElementsOf(schedule.path("nextFireTimes").valueStream().map(JsonNode::asString)
                        .toList());
    }

    @Test
    void runs_a_schedule_now_from_its_page_and_links_the_firing_to_its_job() {
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.go("#/schedules/" + yearly);

        browser.click("#run-schedule");
        browser.click("#confirm-yes");

        String link = "#firings tr[data-outcome='FIRED'] a[href^='#/jobs/']";
        browser.await(driver -> browser.present(link));
        assertThat(browser.find("#schedule-message").getText()).startsWith("Started job");
        JsonNode firing = operator.get("/api/v1/schedules/" + yearly + "/firings").path("items").path(0);
        assertThat(firing.path("manual").asBoolean()).isTrue();
        String job = firing.path("jobId").asString();
        String href = browser.await(driver -> browser.find(link).getDomAttribute("href"));
        assertThat(href).isEqualTo("#/jobs/" + job);
        browser.screenshot(ConsoleSystem.IMAGES.resolve("console-schedule.png"));

        browser.click(link);
        browser.await(driver -> driver.getCurrentUrl().endsWith("#/jobs/" + job));
        browser.await(driver -> "SUCCEEDED".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(operator.get("/api/v1/jobs/" + job).path("labels").path("team").asString()).isEqualTo("finance");
    }

    @Test
    void pauses_and_resumes_a_schedule_from_its_page() {
        String schedule = created("""
                {"name": "hourly-refresh", "cron": "0 0 * * * *", "job": {"type": "noop"}}""");
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.go("#/schedules/" + schedule);

        browser.click("#pause-schedule");
        browser.click("#confirm-yes");
        browser.await(driver -> "PAUSED".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(operator.get("/api/v1/schedules/" + schedule).path("paused").asBoolean()).isTrue();
        assertThat(browser.find("#next-fire-times").getText()).isEqualTo("None while paused.");

        browser.click("#resume-schedule");
        browser.click("#confirm-yes");
        browser.await(driver -> "ACTIVE".equals(browser.find("main").getDomAttribute("data-state")));
        JsonNode resumed = operator.get("/api/v1/schedules/" + schedule);
        assertThat(resumed.path("paused").asBoolean()).isFalse();
        browser.await(driver -> browser.driver().findElements(By.cssSelector("#next-fire-times time")).size()
                == resumed.path("nextFireTimes").size());
    }

    @Test
    void shows_no_pause_or_run_now_button_to_a_key_that_may_only_read() {
        ConsoleBrowser browser = console.signedIn(console.operatorKey());
        browser.go("#/schedules/" + yearly);
        browser.await(driver -> driver.findElement(By.id("run-schedule")));

        console.signedIn(console.readerKey());
        browser.go("#/schedules/" + yearly);
        browser.await(driver -> "ACTIVE".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(browser.present("#run-schedule")).isFalse();
        assertThat(browser.present("#pause-schedule")).isFalse();
        assertThat(browser.present("#resume-schedule")).isFalse();
        // its firings, which a read-only key may see too, fill the table's body once they are read
        browser.await(driver -> browser.present("#firings tbody tr"));
        assertThat(browser.driver().findElements(By.cssSelector("#next-fire-times time"))).hasSize(5);
        browser.go("#/schedules");
        browser.await(driver -> browser.present("#schedules tr[data-schedule='" + yearly + "']"));
        assertThat(operator.as(console.readerKey()).send("POST", "/api/v1/schedules/" + yearly + "/trigger", null)
                .statusCode()).as("nor may it run one through the API").isEqualTo(403);
    }

    private String created(String body) {
        HttpResponse<String> response = operator.send("POST", "/api/v1/schedules", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return operator.get(response.headers().firstValue("Location").orElseThrow()).path("id").asString();
    }
}
