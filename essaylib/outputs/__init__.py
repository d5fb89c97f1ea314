"""Every output assembled into one site; its feeds; the live preview."""
