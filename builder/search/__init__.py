"""Search: the index writer, the build-time side of the browser's engine
(overrides/assets/javascripts/search/). It takes plain records of the documents the site shows
(`IndexedDocument`), so it knows nothing of the site's pages."""
