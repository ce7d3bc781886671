package workshop.game;

/** A coin on the field. */
public final class Coin {

    public int x;
    public int y;

    @Override
    public String toString() {
        return "coin at (" + x + ", " + y + ")";
    }
}
