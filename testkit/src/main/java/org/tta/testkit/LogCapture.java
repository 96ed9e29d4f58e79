package org.tta.testkit;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What one class's logger writes during each test, for tests of what operators are told:
 * {@code @RegisterExtension final LogCapture logs = LogCapture.of(RouterConfig.class);}. Events logged on other
 * threads are captured too; {@link #events()} copies them under the appender's own lock.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    public static LogCapture of(Class<?> type) {
        return new LogCapture((Logger) LoggerFactory.getLogger(type));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (appender) {
            appender.list.clear();
        }
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        appender.stop();
    }

    /** Every event logged since the test began, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return List.copyOf(appender.list);
        }
    }

    /** The events at {@code level} or above (WARN: warnings and errors). */
    public List<ILoggingEvent> atLeast(Level level) {
        return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(level)).toList();
    }
}
