"""The commands: a new library, a generated one for measuring."""
