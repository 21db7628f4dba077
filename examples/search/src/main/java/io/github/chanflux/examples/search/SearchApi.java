package io.github.chanflux.examples.search;

import java.util.List;

/**
 * The wire format of a search backend: the JSON of the (retired) Google Web Search API that the
 * Go blog's {@code google.Search} decoded, reduced to the fields it read.
 *
 * <pre>{@code
 * {"responseData": {"results": [{"titleNoFormatting": "The Go Programming Language", "url": "https://go.dev/"}]}}
 * }</pre>
 */
final class SearchApi {

    private SearchApi() {}

    /** The whole answer. */
    record Response(ResponseData responseData) {}

    /** Its results, in rank order. */
    record ResponseData(List<Item> results) {}

    /** One result, as the API spelled it. */
    record Item(String titleNoFormatting, String url) {}
}
