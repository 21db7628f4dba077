package io.github.chanflux.reactor;

/** {@link PublishedChanTck} for an unbuffered channel: one value requested when a receiver waits. */
public class PublishedChanUnbufferedTckTest extends PublishedChanTck {

    public PublishedChanUnbufferedTckTest() {
        super(0);
    }
}
