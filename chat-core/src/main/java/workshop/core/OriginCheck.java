package workshop.core;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the chat socket. A browser sends the page's origin with every WebSocket
 * upgrade (RFC 6455 §4.1, §10.2) but, unlike {@code fetch}, does not stop a page from one site from
 * connecting to another. Without this check, any site a member visits could open the chat socket with
 * the member's cookies: cross-site WebSocket hijacking. So the server checks, before the upgrade.
 *
 * <p>What it lets through, to stay short. The app's own origin is worked out from the {@code Host}
 * header, so DNS rebinding passes: a site that re-points its name to 127.0.0.1 sends
 * {@code Host: evil.example:7070} with {@code Origin: http://evil.example:7070}, and they match. A
 * deployed app lists its own origins and does not trust {@code Host}. And the origin {@code null}
 * is not only a page opened from disk: any site can frame a page in a sandboxed iframe, whose origin
 * is {@code null} too; allow it only to try things out.
 */
public final class OriginCheck {

    private final Set<String> allowed;

    /** Allows the app's own origin and the given ones, such as {@code https://chat.example.com}. */
    public OriginCheck(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** From a comma-separated list, such as {@code -Dorigins=https://chat.example.com,http://localhost:3000}. */
    public static OriginCheck parse(String commaSeparated) {
        return new OriginCheck(Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .collect(Collectors.toSet()));
    }

    /**
     * Whether an upgrade request may go on.
     *
     * @param origin the request's {@code Origin} header, or {@code null} when it has none
     * @param host the request's {@code Host} header: where the browser thinks it is connecting to
     */
    public boolean allows(String origin, String host) {
        // Only browsers are bound to send Origin, and a script outside a browser can send any value;
        // the check protects browser users, so a client without an Origin is not a browser's page.
        if (origin == null) {
            return true;
        }
        boolean sameOrigin = origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host);
        return sameOrigin || allowed.contains(origin);
    }
}
