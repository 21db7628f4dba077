package io.github.chanflux.examples.search;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The Go blog's {@code resultsTemplate}: the results as a list of "title - URL" links, then
 * "N results in ELAPSED; timeout TIMEOUT". Every value is HTML-escaped and only http(s) URLs
 * become links, as Go's {@code html/template} would have it.
 */
final class ResultsPage {

    private ResultsPage() {}

    /**
     * The page.
     *
     * @param query the search terms, for the title
     * @param results the results, in rank order
     * @param elapsed how long the search took
     * @param timeout the request's timeout as given, or null if it gave none
     * @return the HTML document
     */
    static String render(String query, List<Result> results, Duration elapsed, Duration timeout) {
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(htmlEscape(query))
                .append(" - search</title>\n</head>\n<body>\n<ol>\n");
        for (Result result : results) {
            String url = htmlEscape(result.url());
            html.append("<li>").append(htmlEscape(result.title())).append(" - ");
            if (isWebAddress(result.url())) {
                html.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            } else {
                html.append(url);
            }
            html.append("</li>\n");
        }
        return html.append("</ol>\n<p id=\"timing\">")
                .append(results.size())
                .append(" results in ")
                .append(htmlEscape(GoDurationFormat.format(elapsed)))
                .append("; timeout ")
                .append(timeout == null ? "none" : htmlEscape(GoDurationFormat.format(timeout)))
                .append("</p>\n</body>\n</html>\n")
                .toString();
    }

    /** Whether {@code url} may be a link: not {@code javascript:} and the like, which Go's template refuses too. */
    private static boolean isWebAddress(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
