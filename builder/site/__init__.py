"""The website: the MkDocs plugin that turns `content/` into a gazette library.

    library.py     the corpus as publishers -> issues -> documents, with stable URLs
    permalinks.py  URL slugs from 文号 and titles, and the spellings a 文号 lookup accepts
    cache.py       parsed issues cached by content hash, so an unchanged issue is not re-parsed
    pages.py       the virtual files MkDocs renders: pages, downloads, documents.json, feed
    feeds.py       documents.json and the Atom feed
    plugin.py      the `gongbao` MkDocs plugin (typed config, events)

Nothing here parses text; it reads `builder.model` objects and renders with `builder.render`.
"""
