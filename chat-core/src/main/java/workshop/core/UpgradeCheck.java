package workshop.core;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server checks on the plain HTTP request, before the upgrade: a well-formed key, and a page
 * from an allowed origin. A refused request gets a status and a one-line reason in plain text, and
 * never a socket.
 */
public final class UpgradeCheck {

    private static final Logger log = LoggerFactory.getLogger(UpgradeCheck.class);

    private UpgradeCheck() {
    }

    /** @throws HttpResponseException 400 for a missing or malformed key, 403 for a foreign origin */
    public static void check(Context ctx, OriginCheck origins) {
        // Javalin's upgrade makes an HTTP session for every WebSocket (it copies the session's attributes
        // into the WsContext). The chat uses none, and each one would stay in memory after its socket closed.
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        if (!isValidKey(ctx.header(Header.SEC_WEBSOCKET_KEY))) {
            // Jetty would answer this with an exception that Javalin turns into a 500 and a stack trace.
            refuse(ctx, HttpStatus.BAD_REQUEST, "A WebSocket upgrade needs a Sec-WebSocket-Key: 16 random bytes in Base64 (RFC 6455 §4.1).");
        }
        String origin = ctx.header(Header.ORIGIN);
        if (!origins.allows(origin, ctx.header(Header.HOST))) {
            log.info("Refused a WebSocket from origin {}", origin);
            refuse(ctx, HttpStatus.FORBIDDEN, "This page's origin may not open the chat: " + origin);
        }
    }

    /** RFC 6455 §4.1: the key is a nonce of 16 bytes, Base64-encoded, so always 24 characters. */
    static boolean isValidKey(String key) {
        if (key == null || key.strip().length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * Answers now, in plain text, and stops the upgrade. The answer is written and sent here because on
     * an upgrade request Javalin does not write what its exception handler puts in the result.
     */
    private static void refuse(Context ctx, HttpStatus status, String reason) {
        try {
            ctx.res().setStatus(status.getCode());
            ctx.res().setContentType("text/plain; charset=utf-8");
            ctx.res().getWriter().println(reason);
            ctx.res().flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new HttpResponseException(status.getCode(), reason);
    }
}
