package workshop.game;

/** A player in a match, as the server alone decides: only {@link Arena#step} moves it. */
public final class Player {

    public final int id;
    public final String name;
    public int x;
    public int y;
    public int score;
    /** The sequence number of this player's last input the server has applied (0: none yet). */
    public int lastInput;

    public Player(int id, String name, int x, int y) {
        this.id = id;
        this.name = name;
        this.x = x;
        this.y = y;
    }

    @Override
    public String toString() {
        return "player " + id + " at (" + x + ", " + y + ") score " + score + " last input " + lastInput;
    }
}
