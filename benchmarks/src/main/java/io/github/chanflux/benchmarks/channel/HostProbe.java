package io.github.chanflux.benchmarks.channel;

import java.util.Arrays;

/**
 * What the two host probes, {@link CoreToCore} and {@link RendezvousProbe}, share: the number of
 * one-second samples from the command line, its check, and the median of the samples.
 */
final class HostProbe {

    private HostProbe() {}

    /** The number of seconds in {@code args[0]}, 5 when it is missing or blank. */
    static int seconds(String[] args) {
        return args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 5;
    }

    /** Throws unless {@code seconds} is at least 1. */
    static void requireSeconds(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be at least 1, got " + seconds);
        }
    }

    /** The median of one round trip per second; sorts {@code roundTrips}. */
    static double median(double[] roundTrips) {
        Arrays.sort(roundTrips);
        return roundTrips[roundTrips.length / 2];
    }
}
