package workshop.strict;

import java.nio.charset.StandardCharsets;

/**
 * An upgrade request the server refuses: the HTTP status and the reason, which goes to the client as a
 * short text body, the same answer step 1's server gives.
 */
record Refusal(int status, String reason) {

    static Refusal badRequest(String reason) {
        return new Refusal(400, reason);
    }

    /** The whole HTTP answer, ready for the socket. */
    byte[] httpResponse() {
        String body = reason + "\n";
        return ("HTTP/1.1 " + status + " " + reasonPhrase() + "\r\n"
                // RFC 6455 §4.4: tell the client which version to try instead.
                + (status == 426 ? "Sec-WebSocket-Version: " + UpgradeRules.VERSION + "\r\n" : "")
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 9110 §15 and RFC 6585 §5. */
    private String reasonPhrase() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
    }
}
