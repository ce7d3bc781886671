package workshop.handshake;

/** Upgrade requests as real clients send them, and ways to spoil them. */
final class Requests {

    /** RFC 6455 §1.3's example key, and the accept value the RFC gives for it. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** What Chromium sends for new WebSocket("ws://localhost:8081/"), without the blank line. */
    static final String CHROMIUM = String.join("\r\n",
            "GET / HTTP/1.1",
            "Host: localhost:8081",
            "Connection: Upgrade",
            "Pragma: no-cache",
            "Cache-Control: no-cache",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Upgrade: websocket",
            "Origin: http://localhost:8081",
            "Sec-WebSocket-Version: 13",
            "Accept-Encoding: gzip, deflate, br",
            "Accept-Language: en-US,en;q=0.9",
            "Sec-WebSocket-Key: " + KEY,
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");

    /** What Firefox sends: note the Connection header with two tokens. */
    static final String FIREFOX = String.join("\r\n",
            "GET / HTTP/1.1",
            "Host: localhost:8081",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Accept: */*",
            "Accept-Language: en-US,en;q=0.5",
            "Accept-Encoding: gzip, deflate, br",
            "Sec-WebSocket-Version: 13",
            "Origin: http://localhost:8081",
            "Sec-WebSocket-Extensions: permessage-deflate",
            "Sec-WebSocket-Key: " + KEY,
            "Connection: keep-alive, Upgrade",
            "Pragma: no-cache",
            "Cache-Control: no-cache",
            "Upgrade: websocket");

    private Requests() {
    }

    /** Chromium's request with one header's value replaced, or the header left out when value is null. */
    static String chromiumWith(String name, String value) {
        StringBuilder head = new StringBuilder();
        for (String line : CHROMIUM.split("\r\n")) {
            if (!line.startsWith(name + ":")) {
                head.append(line).append("\r\n");
            } else if (value != null) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        }
        return head.toString().stripTrailing();
    }

    /** A head as it goes on the wire: followed by the blank line that ends it. */
    static String wire(String head) {
        return head + "\r\n\r\n";
    }
}
