package org.tta.gateway.realtime.delivery.cache;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;
import org.tta.gateway.realtime.delivery.Position;

/**
 * The two Lua scripts of the history cache (ADR 0012). Entry ids are {@code <offset>-<partition + 1>}
 * (0-0 is not a valid stream id); a session's records share one partition, so its ids increase.
 *
 * <p>Per partition, the hash {@code hist-mark:<partition>} holds {@code v} and {@code w}: every record of
 * that partition with an offset in [v, w) is in its session's stream, unless that stream now starts after
 * it (trimmed, expired, or cut at a hole). An {@code epoch} names the hash's life: when Redis lost it (a
 * restart keeps nothing), writers that knew the old one prove nothing about their earlier writes.
 */
final class HistoryScripts {

    /**
     * Appends chunks and extends the marks, atomically. ARGV: maxlen, ttl ms, a new epoch, the number of
     * sections, then per section: index of its mark key, the epoch this writer last saw ('' if none), the
     * start of this writer's unbroken run, the section's from and to, the number of entries, then per entry:
     * index of its stream key, id, record timestamp, event id, frame. Returns each section's epoch, then the number of holes cut.
     *
     * <p>An append whose id is not above the stream's last is already there, or a hole: the record is
     * missing and later ones are present (another writer got them, this one's copy never arrived, or the
     * stream was re-created meanwhile). A hole is cut out by trimming everything before it, so that no
     * position before it can be served from the stream.
     */
    static final RedisScript<List> APPEND = RedisScript.of("""
            local maxlen, ttl, newEpoch = ARGV[1], ARGV[2], ARGV[3]
            local sections = tonumber(ARGV[4])
            local out, holes, i = {}, 0, 5
            for s = 1, sections do
              local mark = KEYS[tonumber(ARGV[i])]
              local expected, start, from, to = ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
              local n = tonumber(ARGV[i + 5])
              i = i + 6
              local epoch = redis.call('HGET', mark, 'epoch')
              for e = 1, n do
                local key, id = KEYS[tonumber(ARGV[i])], ARGV[i + 1]
                local added = redis.pcall('XADD', key, 'MAXLEN', '~', maxlen, id, 't', ARGV[i + 2], 'e', ARGV[i + 3], 'f', ARGV[i + 4])
                if type(added) == 'table' and added.err then
                  if #redis.call('XRANGE', key, id, id) == 0 then
                    redis.call('XTRIM', key, 'MINID', id)
                    holes = holes + 1
                  end
                end
                redis.call('PEXPIRE', key, ttl)
                i = i + 5
              end
              if not epoch then
                epoch = newEpoch
                redis.call('HSET', mark, 'epoch', epoch, 'v', from, 'w', to)
              else
                if epoch ~= expected then start = from end
                local w = tonumber(redis.call('HGET', mark, 'w'))
                if w < tonumber(start) then
                  redis.call('HSET', mark, 'v', start, 'w', to)
                elseif tonumber(to) > w then
                  redis.call('HSET', mark, 'w', to)
                end
              end
              redis.call('PEXPIRE', mark, ttl)
              out[#out + 1] = epoch
            end
            out[#out + 1] = tostring(holes)
            return out
            """, List.class);

    /**
     * Reads a partition's mark and a session's stream from an id on, atomically. KEYS: stream, mark; ARGV:
     * the first id, the most entries. Returns nothing without a mark, else v, w, then id, timestamp, event id,
     * frame per entry.
     */
    static final RedisScript<List> READ = RedisScript.of("""
            local mark = redis.call('HMGET', KEYS[2], 'v', 'w')
            if not mark[1] or not mark[2] then return {} end
            local out = {mark[1], mark[2]}
            for _, entry in ipairs(redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])) do
              local fields, timestamp, eventId, frame = entry[2], '0', '', ''
              for j = 1, #fields, 2 do
                if fields[j] == 't' then timestamp = fields[j + 1]
                elseif fields[j] == 'e' then eventId = fields[j + 1]
                elseif fields[j] == 'f' then frame = fields[j + 1] end
              end
              out[#out + 1] = entry[1]
              out[#out + 1] = timestamp
              out[#out + 1] = eventId
              out[#out + 1] = frame
            end
            return out
            """, List.class);

    private HistoryScripts() {
    }

    static String id(Position position) {
        return position.offset() + "-" + (position.partition() + 1L);
    }

    static Position position(String id) {
        int dash = id.indexOf('-');
        return new Position(Integer.parseInt(id.substring(dash + 1)) - 1, Long.parseLong(id.substring(0, dash)));
    }

    /** A script's multi-bulk answer as strings, whether the driver emits its elements or the list itself. */
    static List<String> strings(List<?> emitted) {
        List<String> out = new ArrayList<>(emitted.size());
        for (Object element : emitted) {
            if (element instanceof List<?> nested) {
                nested.forEach(value -> out.add(String.valueOf(value)));
            } else {
                out.add(String.valueOf(element));
            }
        }
        return out;
    }
}
