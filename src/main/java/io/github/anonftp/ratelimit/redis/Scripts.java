package io.github.anonftp.ratelimit.redis;

/**
 * The Lua scripts that make each shared decision atomic: Redis runs a script alone, so two nodes admitting one
 * client at the same instant are serialised and can never both take the last slot. Time is the caller's
 * ({@code now}, epoch milliseconds from the limiter's clock): the logic never depends on when Redis expires a
 * key, and every key gets a TTL that only collects garbage (the time after which its absence means the same as
 * its content).
 *
 * <p>Token buckets keep their tokens multiplied by the refill period in milliseconds, so that a refill of
 * {@code elapsed * count} is integer arithmetic, exact in Lua's doubles: one token is {@code period} units.
 * A missing bucket is a full one.
 */
final class Scripts {

    private Scripts() {
    }

    /**
     * KEYS: slots (zset member = slot, score = lease expiry), connection bucket (hash t, ts), ban (hash until,
     * strikes, length). ARGV: now, slot, lease ms, max sessions (0 = none), connection count per period (0 = none),
     * period ms, burst, dry run (1/0). Returns {refusal, retry ms, open slots}, and for a ban its strike and
     * length ms (0 when the ban hash has none): refusal 0 = admitted, 1 = banned, 2 = connection rate, 3 = too
     * many sessions. In a dry run the slot is taken even when refused.
     */
    static final String ADMIT = """
            local now = tonumber(ARGV[1])
            local lease = tonumber(ARGV[3])
            local maxSessions = tonumber(ARGV[4])
            local count = tonumber(ARGV[5])
            local period = tonumber(ARGV[6])
            local burst = tonumber(ARGV[7])
            local refusal, retry = 0, 0
            local ban = redis.call('HMGET', KEYS[3], 'until', 'strikes', 'length')
            local banUntil = tonumber(ban[1] or '0')
            if banUntil > now then
              refusal, retry = 1, banUntil - now
            end
            if refusal == 0 and count > 0 then
              local cap = burst * period
              local bucket = redis.call('HMGET', KEYS[2], 't', 'ts')
              local tokens, ts = tonumber(bucket[1]), tonumber(bucket[2])
              if tokens == nil or ts == nil then
                tokens, ts = cap, now
              end
              if now > ts then
                tokens = math.min(cap, tokens + (now - ts) * count)
                ts = now
              end
              if tokens >= period then
                tokens = tokens - period
                redis.call('HSET', KEYS[2], 't', tokens, 'ts', ts)
                redis.call('PEXPIRE', KEYS[2], math.ceil((cap - tokens) / count) + 1000)
              else
                refusal, retry = 2, math.ceil((period - tokens) / count)
              end
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local open = redis.call('ZCARD', KEYS[1])
            if refusal == 0 and maxSessions > 0 and open >= maxSessions then
              refusal = 3
            end
            if refusal == 0 or ARGV[8] == '1' then
              redis.call('ZADD', KEYS[1], now + lease, ARGV[2])
              redis.call('PEXPIRE', KEYS[1], 2 * lease)
              open = open + 1
            end
            if refusal == 1 then
              return {refusal, retry, open, tonumber(ban[2] or '1'), tonumber(ban[3] or '0')}
            end
            return {refusal, retry, open}
            """;

    /**
     * KEYS: failure bucket (hash t, ts), ban (hash until, strikes, length). ARGV: now, max failures, window ms, ban ms,
     * escalation, max ban ms. Counts one failure; when it spends the last one and no ban is in force, starts a
     * ban (a repeat within max ban of the last one escalates) and refills the bucket. Returns {0} or
     * {1, until, strike, length}.
     */
    static final String FAIL = """
            local now = tonumber(ARGV[1])
            local max = tonumber(ARGV[2])
            local window = tonumber(ARGV[3])
            local banMs = tonumber(ARGV[4])
            local escalation = tonumber(ARGV[5])
            local maxBan = tonumber(ARGV[6])
            local cap = max * window
            local bucket = redis.call('HMGET', KEYS[1], 't', 'ts')
            local tokens, ts = tonumber(bucket[1]), tonumber(bucket[2])
            if tokens == nil or ts == nil then
              tokens, ts = cap, now
            end
            if now > ts then
              tokens = math.min(cap, tokens + (now - ts) * max)
              ts = now
            end
            if tokens >= window then
              tokens = tokens - window
            end
            local ban = redis.call('HMGET', KEYS[2], 'until', 'strikes')
            local banUntil, strikes = tonumber(ban[1] or '0'), tonumber(ban[2] or '0')
            local result = {0}
            if tokens < window and banUntil <= now then
              if strikes > 0 and now - banUntil <= maxBan then
                strikes = strikes + 1
              else
                strikes = 1
              end
              local length = banMs
              for i = 2, strikes do
                if length >= maxBan then
                  break
                end
                length = length * escalation
              end
              if length > maxBan then
                length = maxBan
              end
              redis.call('HSET', KEYS[2], 'until', now + length, 'strikes', strikes, 'length', length)
              redis.call('PEXPIRE', KEYS[2], length + maxBan + 1000)
              tokens = cap
              result = {1, now + length, strikes, length}
            end
            if tokens >= cap then
              redis.call('DEL', KEYS[1])
            else
              redis.call('HSET', KEYS[1], 't', tokens, 'ts', ts)
              redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) / max) + 1000)
            end
            return result
            """;

    /** KEYS: ban. ARGV: now. Ends a ban in force now; the strike count stays. Returns 1 when one was lifted. */
    static final String UNBAN = """
            local now = tonumber(ARGV[1])
            local banUntil = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
            if banUntil > now then
              redis.call('HSET', KEYS[1], 'until', now)
              return 1
            end
            return 0
            """;

    /**
     * KEYS: slots. ARGV: lease expiry, lease ms, then the slots to renew. Re-adds slots that are missing (after a
     * Redis restart, or ones admitted locally during an outage), so the counts are right again.
     */
    static final String RENEW = """
            local expiry = tonumber(ARGV[1])
            for i = 3, #ARGV do
              redis.call('ZADD', KEYS[1], expiry, ARGV[i])
            end
            redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[2]))
            return #ARGV - 2
            """;

    /**
     * KEYS: ban (hash until, strikes, length). ARGV: now, length ms, max ban ms. An operator's ban: one strike
     * more than the client has, in force from now for the length (replacing a ban in force), kept as long as an
     * earned ban. Returns {until, strike}.
     */
    static final String BAN = """
            local now = tonumber(ARGV[1])
            local length = tonumber(ARGV[2])
            local strikes = tonumber(redis.call('HGET', KEYS[1], 'strikes') or '0') + 1
            redis.call('HSET', KEYS[1], 'until', now + length, 'strikes', strikes, 'length', length)
            redis.call('PEXPIRE', KEYS[1], length + tonumber(ARGV[3]) + 1000)
            return {now + length, strikes}
            """;

    /**
     * The upload quotas' fixed windows, shared by the scripts below: a window key (hash n, end) counts
     * {@code n} until {@code end} (epoch ms); at or after its end it counts nothing. Returns n, end.
     */
    private static final String WINDOW = """
            local function window(key, now)
              local v = redis.call('HMGET', key, 'n', 'end')
              local n, e = tonumber(v[1] or '0'), tonumber(v[2] or '0')
              if e ~= 0 and now >= e then
                return 0, 0
              end
              return n, e
            end
            """;

    /**
     * KEYS: byte window, file window. ARGV: now, byte quota, byte period ms, file quota, file period ms (a period
     * of 0 = no such quota), start (1 = count one upload when allowed). Returns {refusal, retry ms, bytes left,
     * files left}: refusal 0 = allowed, 1 = file quota spent, 2 = byte quota spent; -1 for no quota.
     */
    static final String UPLOAD_START = WINDOW + """
            local now = tonumber(ARGV[1])
            local maxBytes, bytesPeriod = tonumber(ARGV[2]), tonumber(ARGV[3])
            local maxFiles, filesPeriod = tonumber(ARGV[4]), tonumber(ARGV[5])
            local bytes, bytesEnd = window(KEYS[1], now)
            local files, filesEnd = window(KEYS[2], now)
            local bytesLeft, filesLeft = -1, -1
            if bytesPeriod > 0 then
              bytesLeft = math.max(0, maxBytes - bytes)
            end
            if filesPeriod > 0 then
              filesLeft = math.max(0, maxFiles - files)
            end
            if filesLeft == 0 then
              return {1, filesEnd - now, 0, 0}
            end
            if bytesLeft == 0 then
              return {2, bytesEnd - now, 0, filesLeft}
            end
            if ARGV[6] == '1' and filesPeriod > 0 then
              if filesEnd == 0 then
                filesEnd = now + filesPeriod
              end
              redis.call('HSET', KEYS[2], 'n', files + 1, 'end', filesEnd)
              redis.call('PEXPIRE', KEYS[2], filesEnd - now + 1000)
            end
            return {0, 0, bytesLeft, filesLeft}
            """;

    /**
     * KEYS: byte window. ARGV: now, bytes wanted, byte quota, byte period ms. Counts up to the bytes wanted
     * (opening the window at the first claim) and returns how many it counted.
     */
    static final String UPLOAD_CLAIM = WINDOW + """
            local now = tonumber(ARGV[1])
            local wanted, max, period = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local bytes, bytesEnd = window(KEYS[1], now)
            if bytesEnd == 0 then
              bytesEnd = now + period
            end
            local granted = math.min(wanted, math.max(0, max - bytes))
            redis.call('HSET', KEYS[1], 'n', bytes + granted, 'end', bytesEnd)
            redis.call('PEXPIRE', KEYS[1], bytesEnd - now + 1000)
            return granted
            """;

    /**
     * KEYS: byte window, file window. ARGV: now, bytes to give back, file (1 = give back one upload). Never takes
     * a count below zero; a window that is over has nothing to give back.
     */
    static final String UPLOAD_RETURN = WINDOW + """
            local now = tonumber(ARGV[1])
            local bytes, bytesEnd = window(KEYS[1], now)
            if bytesEnd ~= 0 and tonumber(ARGV[2]) > 0 then
              redis.call('HSET', KEYS[1], 'n', math.max(0, bytes - tonumber(ARGV[2])))
            end
            local files, filesEnd = window(KEYS[2], now)
            if filesEnd ~= 0 and ARGV[3] == '1' then
              redis.call('HSET', KEYS[2], 'n', math.max(0, files - 1))
            end
            return 0
            """;
}
