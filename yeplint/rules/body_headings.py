"""YEP2xx: headings."""
