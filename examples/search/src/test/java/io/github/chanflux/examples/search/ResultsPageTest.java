package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsPageTest {

    @Test
    void escapesEveryValue() {
        String page = ResultsPage.render(
                "<b>go</b>",
                List.of(new Result("Go & <i>you</i>", "https://example.com/?a=1&b=\"2\"")),
                Duration.ofMillis(12),
                Duration.ofSeconds(1));
        assertThat(page)
                .contains("<title>&lt;b&gt;go&lt;/b&gt; - search</title>")
                .contains(
                        "<li>Go &amp; &lt;i&gt;you&lt;/i&gt; - <a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\">")
                .contains("1 results in 12ms; timeout 1s")
                .doesNotContain("<b>", "<i>");
    }

    @Test
    void linksOnlyWebAddresses() {
        String page =
                ResultsPage.render("x", List.of(new Result("trap", "javascript:alert(1)")), Duration.ofMillis(1), null);
        assertThat(page).contains("<li>trap - javascript:alert(1)</li>").doesNotContain("href");
        assertThat(page).contains("timeout none");
    }
}
