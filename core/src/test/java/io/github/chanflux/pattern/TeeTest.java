package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.repeat;
import static io.github.chanflux.pattern.Patterns.take;
import static io.github.chanflux.pattern.Patterns.tee;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeeTest extends DoneScope {

    @Test
    void bothOutputsSeeEveryValueAsInTheBooksExample() throws InterruptedException {
        Tee<Integer> t = tee(done, take(done, repeat(done, 1, 2), 4));
        List<String> lines = new ArrayList<>();
        for (int val1 : t.out1()) {
            lines.add("out1: " + val1 + ", out2: " + t.out2().receive().value());
        }
        assertThat(lines)
                .containsExactly("out1: 1, out2: 1", "out1: 2, out2: 2", "out1: 1, out2: 1", "out1: 2, out2: 2");
    }

    @Test
    void theNextValueWaitsUntilBothOutputsTookTheCurrentOne() throws InterruptedException {
        Tee<Integer> t = tee(done, generator(done, 1, 2));
        assertThat(t.out1().receive().value()).isEqualTo(1);
        assertThat(t.out1().tryReceive()).isNull();
        assertThat(t.out2().receive().value()).isEqualTo(1);
        assertThat(t.out1().receive().value()).isEqualTo(2);
    }

    @Test
    void bothOutputsCloseWhenDoneCloses() throws InterruptedException {
        Tee<Integer> t = tee(done, repeat(done, 1));
        assertThat(t.out2().receive().value()).isEqualTo(1);
        done.close();
        drain(t.out1());
        drain(t.out2());
        assertThat(t.out1().receive().ok()).isFalse();
        assertThat(t.out2().receive().ok()).isFalse();
    }
}
