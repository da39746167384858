"""The generator is the oracle: build a site with its real generator and compare what the
HTML output says (page URLs, rendered headings and their ids, links and images that resolve or
not) with what yeplint concluded from the source.

``output`` reads a build, ``builders`` knows how each generator builds and where its page
content sits, ``yeplint_side`` is the one place that asks yeplint (its CLI, and the two
conclusions the CLI does not print), ``compare`` puts the two side by side and ``run`` prints
the table for every site it can build.
"""
