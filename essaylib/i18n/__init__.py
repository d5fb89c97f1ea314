"""The translators' catalogues: refresh, check, review, compile, gate."""
