"""YEP2xx: headings. CommonMark (pulldown-cmark) decides what is a heading; these rules (one module
each) follow markdownlint's MD001, MD018-MD021, MD023-MD026 and MD036, with the differences
noted per rule.
"""
