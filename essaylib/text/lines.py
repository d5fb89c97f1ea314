"""A title set in balanced lines, broken between phrases.

Of the ways to break the words into lines no wider than the measure (at most a few
lines), the one with the least raggedness: the smallest sum of the squared room left
on each line. A line never ends on a short function word of the language ("the", "de",
"für": they belong to the word after them) and no line is one short word alone.
The function words are per language (function_words.toml); a language without a list
still gets balanced lines.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("function_words.toml")
# A word this short alone on a line reads as a stray.
SHORT = 3


@functools.cache
def function_words(language: str) -> frozenset[str]:
    """The language's short function words (none for a language the file lacks)."""
    lists = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    base = language.lower().replace("_", "-").split("-")[0]
    return frozenset(lists.get(base, []))


def balanced_lines(
    text: str,
    length: Callable[[str], float],
    measure: float,
    language: str,
    most: int = 3,
) -> list[str] | None:
    """The least ragged lines of at most `most`, each no wider than measure (a word
    wider than the measure stands alone), never ending on a function word; None when
    no such lines exist."""
    words = text.split()
    glue = function_words(language)
    count = len(words)

    def cost(start: int, end: int) -> float | None:
        """The raggedness of words[start:end] as one line, None if it may not be one."""
        line = words[start:end]
        width = length(" ".join(line))
        if width > measure and len(line) > 1:
            return None
        if end < count and line[-1].lower() in glue:
            return None
        if len(line) == 1 and count > 1 and (len(line[0]) <= SHORT or line[0].lower() in glue):
            return None
        return max(measure - width, 0) ** 2

    # best[k][end]: the least raggedness of words[:end] in k lines, and where the last
    # of those lines starts.
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, 0)}]
    for _ in range(most):
        row: dict[int, tuple[float, int]] = {}
        for start, (so_far, _from) in best[-1].items():
            for end in range(start + 1, count + 1):
                line = cost(start, end)
                if line is None:
                    continue
                if end not in row or so_far + line < row[end][0]:
                    row[end] = (so_far + line, start)
        best.append(row)
    finished = [(row[count][0], k) for k, row in enumerate(best) if k and count in row]
    if not finished or not words:
        return None
    _, k = min(finished)
    lines: list[str] = []
    end = count
    while k:
        start = best[k][end][1]
        lines.insert(0, " ".join(words[start:end]))
        end, k = start, k - 1
    return lines
