package workshop.reliable;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Login tokens: who someone is, until when, and a signature only this server can make. A token is
 * three parts joined by dots: the name (Base64url), the expiry (seconds since 1970) and an HMAC-SHA256
 * of the first two under the server's secret key (RFC 2104). Anyone can read a token; without the
 * key, nobody can make one or change a part of one and keep the signature right.
 *
 * <p>Thread-safe: the key never changes, and each call makes its own {@link Mac}.
 */
public final class Tokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;

    public Tokens(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** A new secret key for every start: a restart logs everyone out, which is fine for a chat. */
    public static Tokens withRandomKey(Clock clock) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new Tokens(key, clock);
    }

    /** A token for this name, good for {@link Limits#TOKEN_LIFETIME}. */
    public String issue(String name) {
        Instant expires = clock.instant().plus(Limits.TOKEN_LIFETIME);
        String signed = ENCODER.encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "." + expires.getEpochSecond();
        return signed + "." + ENCODER.encodeToString(sign(signed));
    }

    /**
     * The name a token proves.
     *
     * @return the name, or empty when the token proves nothing: missing, not three parts, signed with
     *         another key or changed since, or expired
     */
    public Optional<String> verify(String token) {
        // TODO 3: empty unless three parts, sign(first two) equal to the third (MessageDigest.isEqual), and not expired
        return Optional.ofNullable(token).map(unchecked -> Claim.read(unchecked).name());
    }

    /** The HMAC of a token's first two parts. */
    private byte[] sign(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException everyJdkHasIt) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", everyJdkHasIt);
        }
    }

    /** What a token says, read without checking it: only {@link #verify} says whether to believe it. */
    record Claim(String name, Instant expires) {

        /** @throws IllegalArgumentException when the token is not three dot-separated parts (never naming it) */
        static Claim read(String token) {
            String[] parts = token == null ? new String[0] : token.split("\\.", -1);
            try {
                if (parts.length == 3) {
                    return new Claim(new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8),
                            Instant.ofEpochSecond(Long.parseLong(parts[1])));
                }
            } catch (IllegalArgumentException malformed) {
                // Answered below, like a token of the wrong shape.
            }
            throw new IllegalArgumentException("not a login token: expected name.expiry.signature");
        }
    }
}
