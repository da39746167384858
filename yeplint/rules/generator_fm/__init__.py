"""YEP602-YEP604: each generator's own front matter rules, checked on any site with no schema
written. The keys, kinds and values come from :mod:`yeplint.config.generator_keys`; one rule per
module, the walk over a page's keys in :mod:`._common`."""
