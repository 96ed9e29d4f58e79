package org.tta.schemas.subscription;

import java.util.Locale;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.ParseException;
import io.cloudevents.sql.Parser;
import io.cloudevents.sql.Result;
import tools.jackson.databind.JsonNode;

/**
 * The optional {@code sql} dialect of the CloudEvents Subscriptions API: a CloudEvents SQL (CESQL)
 * expression, parsed once by the SDK's {@code cloudevents-sql} when the subscription is checked.
 * The event matches only when the expression evaluates to {@code true} without an evaluation
 * error (a missing attribute, a failed cast): an error never matches. Immutable and thread-safe.
 */
final class SqlFilter implements Filter {

    /** Longest expression accepted (the JSON Schema says the same). */
    static final int MAX_LENGTH = 1024;

    private final Expression expression;

    private SqlFilter(Expression expression) {
        this.expression = expression;
    }

    static Filter compile(JsonNode body, String pointer) {
        if (body == null || !body.isString() || body.asString().isBlank()) {
            throw new UnsupportedFilterException(pointer, "expects a CloudEvents SQL expression as a non-empty string");
        }
        String text = body.asString();
        if (text.length() > MAX_LENGTH) {
            throw new UnsupportedFilterException(pointer, "a CloudEvents SQL expression has at most " + MAX_LENGTH
                    + " characters");
        }
        try {
            return new SqlFilter(Parser.parseDefault(text));
        } catch (ParseException e) {
            // Position and kind only: the message would repeat the caller's expression.
            throw new UnsupportedFilterException(pointer, "not a valid CloudEvents SQL expression ("
                    + e.getKind().name().toLowerCase(Locale.ROOT) + position(e) + ")");
        } catch (NullPointerException e) {
            // cloudevents-sql 4.0.1 defect: its syntax-error listener dereferences the RecognitionException,
            // which ANTLR leaves null for errors it reports while recovering (such as "type == 'x' AND").
            // The listener runs only on a syntax error, so this is one too.
            throw new UnsupportedFilterException(pointer, "not a valid CloudEvents SQL expression (recognition)");
        }
    }

    @Override
    public boolean matches(CloudEvent event) {
        Result result = expression.evaluate(event);
        return !result.isFailed() && Boolean.TRUE.equals(result.value());
    }

    private static String position(ParseException e) {
        return e.getInterval() == null || e.getInterval().a < 0 ? "" : " at character " + (e.getInterval().a + 1);
    }
}
