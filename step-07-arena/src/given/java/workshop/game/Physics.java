package workshop.game;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rules of movement. The page's {@code physics.js} moves its own player with the same integer
 * arithmetic, so that its prediction lands where the server will: change one, change the other.
 */
public final class Physics {

    private Physics() {
    }

    /** One input's worth of movement: the held keys for {@code dtMillis}, kept inside the arena. */
    public static void move(Player player, int keys, int dtMillis) {
        int dx = ((keys & Input.RIGHT) != 0 ? 1 : 0) - ((keys & Input.LEFT) != 0 ? 1 : 0);
        int dy = ((keys & Input.DOWN) != 0 ? 1 : 0) - ((keys & Input.UP) != 0 ? 1 : 0);
        int step = Limits.SPEED * dtMillis / 1000;
        if (dx != 0 && dy != 0) {
            // Diagonally, each axis moves 1/sqrt(2) as far, in integers (0.7071) so that Java and JavaScript agree.
            step = step * 7071 / 10000;
        }
        player.x = clamp(player.x + dx * step, Limits.PLAYER_RADIUS, Limits.ARENA_WIDTH - Limits.PLAYER_RADIUS);
        player.y = clamp(player.y + dy * step, Limits.PLAYER_RADIUS, Limits.ARENA_HEIGHT - Limits.PLAYER_RADIUS);
    }

    /** Pushes every pair of overlapping players apart, pairs in id order. The page does not predict bumps. */
    public static void separate(Collection<Player> players) {
        List<Player> inOrder = new ArrayList<>(players);
        int touching = 2 * Limits.PLAYER_RADIUS;
        for (int i = 0; i < inOrder.size(); i++) {
            for (int j = i + 1; j < inOrder.size(); j++) {
                Player a = inOrder.get(i);
                Player b = inOrder.get(j);
                long dx = b.x - a.x;
                long dy = b.y - a.y;
                long distanceSquared = dx * dx + dy * dy;
                if (distanceSquared >= (long) touching * touching) {
                    continue;
                }
                double distance = Math.sqrt(distanceSquared);
                double nx = distance == 0 ? 1 : dx / distance;
                double ny = distance == 0 ? 0 : dy / distance;
                double push = (touching - distance) / 2 + Limits.BUMP_KICK;
                a.x = clamp(a.x - (int) Math.round(nx * push), Limits.PLAYER_RADIUS, Limits.ARENA_WIDTH - Limits.PLAYER_RADIUS);
                a.y = clamp(a.y - (int) Math.round(ny * push), Limits.PLAYER_RADIUS, Limits.ARENA_HEIGHT - Limits.PLAYER_RADIUS);
                b.x = clamp(b.x + (int) Math.round(nx * push), Limits.PLAYER_RADIUS, Limits.ARENA_WIDTH - Limits.PLAYER_RADIUS);
                b.y = clamp(b.y + (int) Math.round(ny * push), Limits.PLAYER_RADIUS, Limits.ARENA_HEIGHT - Limits.PLAYER_RADIUS);
            }
        }
    }

    /** Whether the player's circle touches the coin's. */
    public static boolean touches(Player player, Coin coin) {
        long dx = player.x - coin.x;
        long dy = player.y - coin.y;
        long reach = Limits.PLAYER_RADIUS + Limits.COIN_RADIUS;
        return dx * dx + dy * dy <= reach * reach;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
