"""YEP3xx: images."""
