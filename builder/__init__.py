"""gongbao's builder: raw gazette issues in, a static gazette library out.

The packages follow the data, lowest layer first; a module imports only from its own layer or
below (tests/test_layers.py checks it):

    model, errors, patterns, text, render   the model and what every layer shares
    parse/      raw bytes + sidecar -> Issue: read, clean, 目录, segment, blocks, extract, audit
    content/    the editors' folder as a whole: corpus, parse cache, department aliases
    search/     the search index writer (the contract of the browser's engine.js)
    site/       the MkDocs plugin and the pages it generates
    commands/   the `gongbao` command line: add, check, inspect, report, build, publish
"""

__version__ = "0.1.0"
