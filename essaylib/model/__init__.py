"""The book's facts and library, read from its files: no Sphinx here."""
