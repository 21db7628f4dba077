package io.github.chanflux.reactor;

/** {@link PublishedChanTck} for a buffered channel: credit is its free capacity. */
public class PublishedChanBufferedTckTest extends PublishedChanTck {

    public PublishedChanBufferedTckTest() {
        super(16);
    }
}
