package dev.conveyor.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The web console in a real headless Chromium against the whole system with API keys on: sign-in, the live job
 * list, a job's page with its result and trace id, cancel and retry through the UI, a manifest's graph coloured as
 * it runs, a refused key and a read-only key without the operator's buttons. Saves the README's screenshots to
 * docs/images.
 * Schedules are in {@link ConsoleSchedulesIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path IMAGES = ConsoleSystem.IMAGES;

    private ConsoleSystem console;
    private ConsoleBrowser browser;
    private KeyedApi operator;
    private String operatorKey;
    private String readerKey;
    private String scheduledJob;
    private String failedJob;

    @BeforeAll
    void startSystemAndBrowser(@TempDir Path files) {
        console = ConsoleSystem.start(files);
        browser = console.browser();
        operator = console.operator();
        operatorKey = console.operatorKey();
        readerKey = console.readerKey();
        // a few jobs of every kind, so the list has something to show
        operator.accepted("/api/v1/jobs", "{\"type\": \"noop\", \"labels\": {\"team\": \"finance\"}}");
        scheduledJob = operator.accepted("/api/v1/jobs",
                "{\"type\": \"noop\", \"runAt\": \"2099-01-01T00:00:00Z\"}");
        failedJob = operator.accepted("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\":"
                + " \"SELECT * FROM no_such_table\"}, \"maxAttempts\": 1}");
        await().atMost(WAIT).until(() -> operator.state(failedJob).equals("FAILED"));
    }

    @AfterAll
    void stopAll() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void refuses_a_wrong_key_and_serves_no_data_without_one() {
        browser.signIn("cvk_not-a-key-anyone-was-given-0000000000000000");

        browser.await(driver -> browser.find("#sign-in-error").getText().contains("refused"));
        assertThat(browser.find("header.top").isDisplayed()).isFalse();
        assertThat(operator.as(null).send("GET", "/api/v1/jobs/stream", null).statusCode()).isEqualTo(401);
        assertThat(operator.as(null).send("GET", "/api/v1/jobs/counts", null).statusCode()).isEqualTo(401);
        assertThat(operator.as(null).send("GET", "/ui/js/app.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shows_a_submitted_job_in_the_list_without_a_reload_until_it_succeeds_and_then_its_result() {
        browser.signIn(operatorKey);
        browser.awaitLive();
        browser.await(driver -> browser.present("#jobs tbody tr[data-job]"));
        browser.script("window.notReloaded = true");

        String job = operator.accepted("/api/v1/jobs",
                "{\"type\": \"sql\", \"params\": {\"sql\": \"SELECT 42 AS answer, 'north' AS region\"}}");

        String row = "#jobs tr[data-job='" + job + "']";
        browser.await(driver -> browser.present(row));
        browser.await(driver -> browser.present(row + " .badge[data-state='SUCCEEDED']"));
        assertThat(browser.script("return window.notReloaded")).as("the page was not reloaded").isEqualTo(true);
        browser.await(driver -> !browser.find("[data-count='SUCCEEDED']").getText().equals("0"));
        browser.screenshot(IMAGES.resolve("console-jobs.png"));

        browser.find(row + " a").click();
        browser.await(driver -> browser.present("#job-result table"));
        List<String> cells = browser.driver().findElements(By.cssSelector("#job-result td")).stream()
                .map(WebElement::getText).toList();
        assertThat(cells).containsExactly("42", "north");
        assertThat(browser.find("#timeline").getText()).contains("RUNNING", "SUCCEEDED");
        String traceId = operator.get("/api/v1/jobs/" + job).path("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(browser.find("#job-trace-id").getText()).isEqualTo(traceId);
        browser.screenshot(IMAGES.resolve("console-job.png"));
    }

    @Test
    void submits_a_job_from_a_form_drawn_from_its_types_schema() {
        browser.signIn(operatorKey);
        browser.awaitLive();
        browser.go("#/submit");
        WebElement type = browser.await(driver -> driver.findElement(By.id("job-type")));
        new org.openqa.selenium.support.ui.Select(type).selectByValue("sleep");
        browser.find("#param-seconds").sendKeys("0.2");
        browser.find("#labels").sendKeys("team=ops");
        browser.find("#submit-job").click();

        browser.await(driver -> driver.getCurrentUrl().matches(".*#/jobs/[0-9a-f-]{36}$"));
        browser.await(driver -> "SUCCEEDED".equals(browser.find("main").getDomAttribute("data-state")));
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/jobs/", "");
        JsonNode stored = operator.get("/api/v1/jobs/" + id);
        assertThat(stored.path("params").path("seconds").asDouble()).isEqualTo(0.2);
        assertThat(stored.path("labels").path("team").asString()).isEqualTo("ops");
    }

    @Test
    void cancels_a_running_sleep_job_from_its_page() {
        String job = operator.accepted("/api/v1/jobs", "{\"type\": \"sleep\", \"params\": {\"seconds\": 600}}");
        await().atMost(WAIT).until(() -> operator.state(job).equals("RUNNING"));
        browser.signIn(operatorKey);
        browser.awaitLive();
        browser.go("#/jobs/" + job);

        browser.await(driver -> driver.findElement(By.id("cancel-job"))).click();
        browser.await(driver -> driver.findElement(By.id("confirm-yes"))).click();

        browser.await(driver -> "CANCELLED".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(operator.state(job)).isEqualTo("CANCELLED");
        assertThat(browser.present("#cancel-job")).isFalse();
        assertThat(browser.present("#retry-job")).isTrue();
    }

    @Test
    void retries_a_failed_job_from_its_page() {
        browser.signIn(operatorKey);
        browser.awaitLive();
        browser.go("#/jobs/" + failedJob);
        assertThat(browser.await(driver -> driver.findElement(By.id("job-error"))).getText())
                .contains("no_such_table");

        browser.find("#retry-job").click();
        browser.await(driver -> driver.findElement(By.id("confirm-yes"))).click();

        // the new attempt fails again; the page follows it live
        await().atMost(WAIT).until(() -> {
            JsonNode job = operator.get("/api/v1/jobs/" + failedJob);
            return job.path("state").asString().equals("FAILED") && job.path("attempt").asInt() == 2;
        });
        JsonNode retried = operator.get("/api/v1/jobs/" + failedJob);
        String attempts = "2 of " + retried.path("maxAttempts").asInt();
        browser.await(driver -> browser.find("#job-attempt").getText().equals(attempts)
                && "FAILED".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(browser.find("#timeline").getText()).contains("FAILED → SUBMITTED");
    }

    @Test
    void replays_a_dead_letter() {
        String job = operator.accepted("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\":"
                + " \"SELECT * FROM missing_table\"}, \"maxAttempts\": 1}");
        await().atMost(WAIT).until(() -> operator.state(job).equals("FAILED"));
        browser.signIn(operatorKey);
        browser.awaitLive();
        browser.go("#/dead-letters");

        String row = "#dead-letters tr[data-job='" + job + "']";
        browser.await(driver -> browser.present(row));
        assertThat(browser.find(row).getText()).contains("missing_table");
        browser.find(row + " button.replay").click();
        browser.await(driver -> driver.findElement(By.id("confirm-yes"))).click();

        await().atMost(WAIT).until(() -> operator.get("/api/v1/jobs/" + job).path("attempt").asInt() == 2);
        assertThat(operator.get("/api/v1/jobs/" + job + "/events").valueStream().map(JsonNode::toString))
                .anyMatch(event -> event.contains("retry requested"));
        browser.await(driver -> browser.find("main").getText().contains("replayed"));
    }

    @Test
    void draws_a_manifests_graph_with_every_job_and_edge_and_colours_it_as_it_runs() {
        browser.signIn(operatorKey);
        browser.awaitLive();
        String manifest = operator.accepted("/api/v1/manifests", """
                {"name": "nightly-sales", "jobs": [
                  {"key": "extract_orders", "type": "sleep", "params": {"seconds": 1}},
                  {"key": "extract_customers", "type": "sleep", "params": {"seconds": 0.5}},
                  {"key": "join_sales", "type": "sleep", "params": {"seconds": 2},
                   "dependsOn": ["extract_orders", "extract_customers"]},
                  {"key": "check_sales", "type": "noop", "dependsOn": ["join_sales"]},
                  {"key": "export_report", "type": "noop", "dependsOn": ["check_sales", "extract_customers"]}]}
                """);
        browser.go("#/manifests/" + manifest);

        browser.await(driver -> driver.findElement(By.id("manifest-graph")));
        assertThat(browser.script("return [...document.querySelectorAll('#manifest-graph .node')]"
                + ".map(node => node.dataset.key)"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("extract_orders", "extract_customers", "join_sales", "check_sales",
                        "export_report");
        assertThat(browser.script("return [...document.querySelectorAll('#manifest-graph .edge')]"
                + ".map(edge => edge.dataset.from + '->' + edge.dataset.to)"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("extract_orders->join_sales", "extract_customers->join_sales",
                        "join_sales->check_sales", "check_sales->export_report", "extract_customers->export_report");
        // laid out left to right by the layout: every edge's target lies to the right of its source
        assertThat(browser.script("""
                const x = key => document.querySelector(`#manifest-graph .node[data-key='${key}'] rect`)
                    .getBBox().x;
                return [...document.querySelectorAll('#manifest-graph .edge')]
                    .filter(edge => x(edge.dataset.to) <= x(edge.dataset.from)).length;
                """)).isEqualTo(0L);

        Set<String> fills = new LinkedHashSet<>();
        Set<String> states = new LinkedHashSet<>();
        boolean[] midRunShot = {false};
        browser.await(driver -> {
            String state = node("join_sales").getDomAttribute("data-state");
            states.add(state);
            fills.add(node("join_sales").findElement(By.tagName("rect")).getCssValue("fill"));
            if (state.equals("RUNNING") && !midRunShot[0]) {
                browser.screenshot(IMAGES.resolve("console-manifest.png"));
                midRunShot[0] = true;
            }
            return "SUCCEEDED".equals(node("export_report").getDomAttribute("data-state"));
        });
        // join_sales may have turned SUCCEEDED between its read and export_report's in the last round
        states.add(node("join_sales").getDomAttribute("data-state"));
        fills.add(node("join_sales").findElement(By.tagName("rect")).getCssValue("fill"));
        assertThat(states).as("join_sales as the graph showed it").contains("RUNNING", "SUCCEEDED");
        assertThat(fills).as("its colour changed with its state").hasSizeGreaterThanOrEqualTo(2);
        if (!midRunShot[0]) {
            browser.screenshot(IMAGES.resolve("console-manifest.png"));
        }

        node("check_sales").click();
        browser.await(driver -> driver.getCurrentUrl().matches(".*#/jobs/[0-9a-f-]{36}$"));
        browser.await(driver -> browser.find("h1").getText().contains("SUCCEEDED"));
    }

    @Test
    void shows_no_cancel_button_to_a_key_that_may_only_read() {
        browser.signIn(operatorKey);
        browser.awaitLive();
        browser.go("#/jobs/" + scheduledJob);
        browser.await(driver -> driver.findElement(By.id("cancel-job")));

        browser.signIn(readerKey);
        browser.awaitLive();
        browser.go("#/jobs/" + scheduledJob);
        browser.await(driver -> "SCHEDULED".equals(browser.find("main").getDomAttribute("data-state")));
        assertThat(browser.present("#cancel-job")).isFalse();
        assertThat(browser.present("#retry-job")).isFalse();
        assertThat(browser.find("a[data-section='submit']").isDisplayed()).isFalse();
        browser.go("#/dead-letters");
        browser.await(driver -> browser.present("#dead-letters tr[data-job]"));
        assertThat(browser.present("#dead-letters button.replay")).isFalse();
    }

    @Test
    void pages_a_tenant_of_100000_jobs_from_the_server() {
        String key = console.keyFor("archive", "archive", "submit", "read");
        KeyedApi archive = operator.as(key);
        // due in 2099, so they stay SCHEDULED and the system has nothing to run
        String jobs = String.join(",", java.util.Collections.nCopies(1_000,
                "{\"type\": \"noop\", \"runAt\": \"2099-01-01T00:00:00Z\", \"labels\": {\"team\": \"archive\"}}"));
        for (int request = 0; request < 100; request++) {
            HttpResponse<String> stored = archive.send("POST", "/api/v1/jobs/batch", "{\"jobs\": [" + jobs + "]}");
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        }

        browser.signIn(key);
        browser.awaitLive();
        browser.await(driver -> "100,000".equals(browser.find("[data-count='SCHEDULED']").getText()));
        assertThat(browser.find(".counts").getText()).contains("All 100,000");
        browser.await(driver -> rowIds().size() == 25);
        List<String> first = rowIds();
        browser.find("#older-jobs").click();
        browser.await(driver -> !rowIds().equals(first) && rowIds().size() == 25);
        assertThat(rowIds()).as("the second page continues the first").doesNotContainAnyElementsOf(first);

        browser.go("#/jobs?state=SCHEDULED&label=team%3Darchive");
        browser.await(driver -> rowIds().size() == 25 && !browser.present("#jobs tbody tr:not([data-job])"));
        assertThat(rowIds()).as("the browser holds one page, never the tenant's jobs").hasSize(25);
    }

    private List<String> rowIds() {
        return browser.driver().findElements(By.cssSelector("#jobs tbody tr[data-job]")).stream()
                .map(row -> row.getDomAttribute("data-job")).toList();
    }

    private WebElement node(String key) {
        return browser.find("#manifest-graph .node[data-key='" + key + "']");
    }
}
