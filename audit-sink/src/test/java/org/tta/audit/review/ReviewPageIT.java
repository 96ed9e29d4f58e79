package org.tta.audit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tta.audit.review.support.ReviewApi;
import org.tta.audit.support.AuditEvents;
import org.tta.audit.support.AuditTopic;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The reviewer page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), against the running audit-sink with a trail that came through Kafka.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=audit-sink")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewPageIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TopicCatalog catalog;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @LocalServerPort
    int port;

    String session = "session-page-" + EventIds.newId();
    Path profile;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void givenASessionWithAnEscalationThatCameThroughKafka() throws IOException {
        try (AuditTopic records = new AuditTopic(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS));
                AuditTopic escalations = new AuditTopic(bootstrapServers, catalog.name(TopicId.SAFETY_ESCALATIONS))) {
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            records.send(session, anAuditEvent(at(aMessagePosted(session, "I had a rough week"), start)));
            escalations.send(session, anEscalation(session, start.plusSeconds(1)));
            records.send(session, anAuditEvent(at(aMessagePosted(session, "Thank you for listening"),
                    start.plusSeconds(2))));
        }
        ReviewApi api = new ReviewApi(port);
        await().atMost(WAIT).until(() -> api.ok(Tokens.aReviewer("rita"), "/records", "sessionId", session,
                "action", "session.message.posted", "reason", "test setup").get("records").size() == 2
                && api.ok(Tokens.aReviewer("rita"), "/sessions/" + session + "/timeline", "reason", "test setup")
                        .get("entries").findValues("lane").stream().anyMatch(l -> l.asString().equals("escalation")));

        profile = Files.createTempDirectory("tta-review-chromium-");
    }

    @BeforeEach
    void openABrowser() {
        // One driver process per browser: quitting a ChromeDriver stops the service it was given.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve(EventIds.newId()));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        browser.get("http://127.0.0.1:" + port + "/review/");
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterAll
    void removeTheProfiles() throws IOException {
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void reviewerFindsTheSessionWithTheKeyboardAndSeesTheEscalationHighlighted() {
        enterAccess(Tokens.aReviewer("rita"), "weekly safety review");

        WebElement sessionField = labelled("Session id");
        sessionField.sendKeys(session);
        sessionField.sendKeys(Keys.ENTER);
        WebElement open = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results button.open-session")));
        assertThat(open.getText()).isEqualTo(session);
        open.sendKeys(Keys.ENTER);

        wait.until(d -> d.findElements(By.cssSelector("#timeline li")).size() >= 3);
        List<WebElement> entries = browser.findElements(By.cssSelector("#timeline li"));
        assertThat(entries).extracting(e -> e.getAttribute("data-lane"))
                .containsSubsequence("message", "escalation", "message");
        WebElement escalation = browser.findElement(By.cssSelector("#timeline li.escalation"));
        assertThat(escalation.getText()).contains("ESCALATION", "imminent");
        assertThat(escalation.getCssValue("outline-style")).isEqualTo("solid");
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("I had a rough week", "Thank you for listening");
        // Focus moves to the timeline heading, for keyboard and screen reader users.
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("timeline-heading");
        WebElement badge = browser.findElement(By.id("verify-badge"));
        wait.until(d -> !badge.getText().startsWith("Chain not checked") && !badge.getText().startsWith("Checking"));
        assertThat(badge.getText()).startsWith("Chain verified (");
        assertThat(badge.getAttribute("class")).contains("verified");
        // The badge's check is a read like the others: on record with the reason the reviewer typed.
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_record where session_id = ? and action = 'audit.accessed'
                and resource_type = 'audit.verify' and subject_id = 'rita' and payload ->> 'reason' = ?""",
                Integer.class, session, "weekly safety review")).isEqualTo(1);
    }

    @Test
    void operatorSeesTheTimelineWithTheTextWithheld() {
        enterAccess(Tokens.anOperator("otto"), "incident 17");

        labelled("Session id").sendKeys(session, Keys.ENTER);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results button.open-session"))).click();

        wait.until(d -> d.findElements(By.cssSelector("#timeline li.message")).size() >= 2);
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("Message text withheld for your role.").doesNotContain("rough week");
    }

    @Test
    void showsTheProblemWhenTheTokenHasNoReviewerRole() {
        enterAccess(Tokens.aPatient("pat"), "curious");

        labelled("Session id").sendKeys(session, Keys.ENTER);

        WebElement message = browser.findElement(By.id("message"));
        wait.until(d -> !message.getText().isBlank());
        assertThat(message.getText()).contains("Forbidden");
        assertThat(message.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("results")).isDisplayed()).isFalse();
    }

    @Test
    void labelsEveryControl() {
        Object unlabelled = ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('input, select')]
                    .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label'))
                    .map(c => c.id);""");
        assertThat((List<?>) unlabelled).isEmpty();
    }

    private void enterAccess(String token, String reason) {
        labelled("Bearer token").sendKeys(token);
        WebElement reasonField = labelled("Reason for access");
        reasonField.sendKeys(reason);
        reasonField.sendKeys(Keys.ENTER);
        wait.until(d -> d.findElement(By.id("access-state")).getText().equals("Ready."));
    }

    /** The control a visible label names, as a user finds it. */
    private WebElement labelled(String label) {
        WebElement element = browser.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return browser.findElement(By.id(element.getAttribute("for")));
    }

    private static AuditRecord at(AuditRecord r, Instant occurredAt) {
        return new AuditRecord(r.action(), r.outcome(), r.actorId(), r.actorRole(), r.sessionId(), r.resourceType(),
                r.resourceId(), r.sourceService(), occurredAt, r.clientIp(), r.traceId(), r.content());
    }

    private static CloudEvent anEscalation(String session, Instant detectedAt) {
        String json = """
                {"sessionId":"%s","scanEventId":"%s","category":"suicidal_ideation","tier":"imminent","detectedAt":"%s"}"""
                .formatted(session, EventIds.newId(), detectedAt);
        return org.tta.schemas.cloudevents.TtaCloudEvents.create(EventIds.newId(), EventTypes.SAFETY_ESCALATION,
                java.net.URI.create("/tta/safety-worker"), session, AuditEvents.now(),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
