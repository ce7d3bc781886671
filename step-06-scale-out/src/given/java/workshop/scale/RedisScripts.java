package workshop.scale;

/**
 * The three steps {@link RedisBroker} takes in Redis that no other instance may split: each is a Lua
 * script, which Redis runs atomically ({@code EVAL}: no other command runs in the middle of one). Run
 * one with {@code redis.eval(SCRIPT, keys, args)}, the keys and arguments in the order its comment says.
 */
public final class RedisScripts {

    /**
     * Frees a name, if this instance holds it. "Is it mine? then delete it" as two commands would let
     * another instance claim the name in between, after this one's claim lapsed: the DEL would free theirs.
     * Keys: the name's key, {@link RedisBroker#ONLINE}. Arguments: this instance's id, the name.
     * Answers 1 if it freed the name, 0 if the name was not this instance's.
     */
    public static final String RELEASE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            return 1
            """;

    /**
     * Keeps this instance's names alive: each key that is this instance's, or nobody's (Redis restarted
     * empty), is set again for the time-to-live, and its name scored with its new expiry. A name another
     * instance holds stays theirs. Keys: {@link RedisBroker#ONLINE}, then each name's key. Arguments:
     * this instance's id, the time-to-live in ms, the new expiry (ms since 1970), then the names in the
     * order of their keys. Answers the names another instance holds.
     */
    public static final String REFRESH = """
            local lost = {}
            for i = 2, #KEYS do
              local name = ARGV[i + 2]
              local owner = redis.call('GET', KEYS[i])
              if owner == false or owner == ARGV[1] then
                redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
                redis.call('ZADD', KEYS[1], ARGV[3], name)
              else
                table.insert(lost, name)
              end
            end
            return lost
            """;

    /**
     * Adds a message to the history, with an id that never goes backwards. The ids are
     * {@code <epoch>-<sequence>}: Redis numbers the entries of an epoch 1, 2, 3..., so the gap between
     * two ids counts the messages between them. The epoch lives in its own key, beside the stream; when
     * the stream is gone (Redis restarted empty) or the instance has seen a later epoch, a new epoch
     * starts: Redis's time in ms, or later than the newest id seen and the last epoch if that is later.
     * Keys: {@link RedisBroker#HISTORY}, {@link RedisBroker#EPOCH}. Arguments: the newest id this
     * instance saw ({@code 0-0} for none), how many entries to keep, then from, text, at.
     * Answers the new entry's id.
     */
    public static final String APPEND = """
            local seen = tonumber(string.match(ARGV[1], '^%d+'))
            local epoch = tonumber(redis.call('GET', KEYS[2]))
            if not epoch or epoch < seen or redis.call('EXISTS', KEYS[1]) == 0 then
              local now = redis.call('TIME')
              epoch = math.max(tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000), seen + 1, (epoch or 0) + 1)
              redis.call('SET', KEYS[2], string.format('%d', epoch))
            end
            return redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], string.format('%d', epoch) .. '-*',
                              'from', ARGV[3], 'text', ARGV[4], 'at', ARGV[5])
            """;

    private RedisScripts() {
    }
}
