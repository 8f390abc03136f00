package a2.train;

/**
 * Derives independent random streams from the run's one seed: {@code derive(seed, stream, epoch, step)}, the streams
 * listed in {@link RandomStream}. Every
 * random decision is a function of (seed, stream, position), never of how many draws happened before, which is
 * what lets a run resume mid-epoch and still end with the weights of an uninterrupted run.
 */
public final class Seeds {
    private Seeds() {}

    /** The seed of {@code stream} at position {@code parts} (epoch, step, ...). */
    public static long derive(long seed, RandomStream stream, long... parts) {
        long[] all = new long[parts.length + 1];
        all[0] = stream.id;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return derive(seed, all);
    }

    static long derive(long seed, long... parts) {
        long h = mix(seed);
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
