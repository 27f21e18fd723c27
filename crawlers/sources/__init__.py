"""One module per source; the module name is the spider name and the source id.

The registry (`crawlers.registry`) walks this package, so adding a source is adding a module
(plus its saved example page and golden file under `tests/examples/crawlers/`).
"""
