package org.tta.gateway.realtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The session chat page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * installed by {@code .ci/run}): a message sent in one tab arrives in the other. A test forwarder stands
 * in for the event-router's participants route (session events -> deliveries).
 */
@TtaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatPageIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    GatewayInstance gateway;
    SessionEventsForwarder forwarder;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayInstance.start(getClass(), Map.of());
        TopicCatalog topics = gateway.bean(TopicCatalog.class);
        forwarder = new SessionEventsForwarder(topics.name(TopicId.SESSION_EVENTS), topics.name(TopicId.DELIVERIES));
        Path profile = Files.createTempDirectory("tta-chat-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        forwarder.close();
        gateway.close();
    }

    private String openChat(String token) {
        browser.get("http://127.0.0.1:" + gateway.port() + "/chat.html");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("session")).clear();
        browser.findElement(By.id("session")).sendKeys("chat-page");
        browser.findElement(By.id("connect")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "connected"));
        return browser.getWindowHandle();
    }

    @Test
    void aMessageSentInOneTabArrivesInTheOther() {
        String alice = Tokens.aPatient("alice-chat");
        String theo = Tokens.aTherapist("theo-chat");
        Members.ensure(gateway.bean(SessionDirectory.class), "chat-page", alice);
        Members.ensure(gateway.bean(SessionDirectory.class), "chat-page", theo);

        String first = openChat(alice);
        browser.switchTo().newWindow(WindowType.TAB);
        String second = openChat(theo);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), "alice-chat"));

        browser.switchTo().window(first);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), "theo-chat"));
        browser.findElement(By.id("text")).sendKeys("hello from the first tab");
        browser.findElement(By.id("send")).click();

        browser.switchTo().window(second);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "alice-chat: hello from the first tab"));
    }
}
