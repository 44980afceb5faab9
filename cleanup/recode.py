"""Finding and undoing mojibake: UTF-8 bytes that were decoded with a legacy code page.

Two passes over a line. First ftfy, configured to repair encoding only (no quote
uncurling, normalisation, width, ligature or line-break changes): it is the best tool
for UTF-8 read as Latin-1 or Windows-1252. Then our own search over further code pages
(Cyrillic, Greek, Central European, Mac and DOS ones), where ftfy does not look: each
suspicious word is encoded back with a code page and the bytes decoded as strict UTF-8,
up to three layers deep (text garbled twice or three times).

A repair is accepted only when the original word looks broken (`weirdness` above zero:
symbols inside a word, letters of two scripts, a lower-case letter followed by an
upper-case one, ftfy's badness) and the repaired one does not (no weirdness at all, no
rare or archaic characters, ftfy's badness no higher). Correct text in any script has
no weirdness, so it is never examined further.
"""

from __future__ import annotations

import codecs as _codecs
import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from .sequences import changed_span

#: (Python codec used to encode the text back, human label). Windows code pages use
#: ftfy's sloppy variants so that bytes a strict decoder leaves undefined round-trip.
CODECS: tuple[tuple[str, str], ...] = (
    ("sloppy-windows-1252", "Windows-1252"),
    ("latin-1", "Latin-1 (ISO-8859-1)"),
    ("sloppy-windows-1250", "Windows-1250"),
    ("sloppy-windows-1251", "Windows-1251"),
    ("sloppy-windows-1253", "Windows-1253"),
    ("sloppy-windows-1254", "Windows-1254"),
    ("sloppy-windows-1257", "Windows-1257"),
    ("iso-8859-2", "ISO-8859-2"),
    ("iso-8859-5", "ISO-8859-5"),
    ("iso-8859-7", "ISO-8859-7"),
    ("koi8-r", "KOI8-R"),
    ("koi8-u", "KOI8-U"),
    ("mac_roman", "Mac Roman"),
    ("mac_latin2", "Mac Central European (mac_latin2)"),
    ("mac_cyrillic", "Mac Cyrillic"),
    ("cp437", "code page 437"),
    ("cp850", "code page 850"),
    ("cp866", "code page 866"),
)

MAX_LAYERS = 3
MAX_FRONTIER = 24  # intermediate decodings kept per layer; real mojibake needs one or two


# ftfy (30 ms of start-up) is imported when a line first needs it: most documents are
# ASCII or have no suspect line, and `check` of them starts faster without it.
@lru_cache(maxsize=1)
def _ftfy():
    import ftfy
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)

    return ftfy


@lru_cache(maxsize=1)
def ftfy_encoding_only():
    return _ftfy().TextFixerConfig(
        unescape_html=False,  # encoding.html-entity does this, as its own finding
        remove_terminal_escapes=False,  # encoding.control-char
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,  # encoding.control-char
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def badness(text: str) -> int:
    from ftfy.badness import badness as ftfy_badness

    return ftfy_badness(text)


TOKEN = regex.compile(r"[^ \t\n\r\f\v]+")

# Punctuation that belongs in ordinary words and around them (apostrophes, quotes,
# dashes, ellipsis), never a sign of damage on its own.
WORD_PUNCTUATION = frozenset("’‘‚‛“”„‟«»‹›–—‐‑…·′″¿¡")
# Of those, the ones that never stand inside a word ("Constan»õa").
INNER_QUOTES = frozenset("“”„‟«»‹›‚…")
# Signs that legitimately follow a word or number: trade marks, degrees, percent...
TRAILING_SIGNS = frozenset("™®©°%‰′″¹²³℃℉")
# Signs that legitimately precede a word or number: currencies, numero, section.
LEADING_SIGNS = frozenset("$£€¥₴₽₹№§#@©")
# Letters that appear in mojibake far more often than in words.
SYMBOL_LIKE_LETTERS = frozenset("ªºµƒˆ˜")

# Blocks a plausible repair does not land in: archaic or phonetic letters, scripts of
# no news corpus, that an accidental UTF-8 sequence produces.
_RARE_RANGES = (
    (0x0138, 0x0138), (0x0149, 0x0149), (0x017F, 0x017F),
    (0x0180, 0x024F), (0x0250, 0x02FF), (0x0334, 0x0338), (0x0363, 0x036F),
    (0x0370, 0x0385), (0x03D0, 0x03FF), (0x0460, 0x048F), (0x0500, 0x052F),
    (0x0700, 0x08FF), (0x1800, 0x18FF), (0x1D00, 0x1DBF), (0x2800, 0x28FF), (0xE000, 0xF8FF),
    (0x10000, 0x1EFFF),
)
# Latin Extended-B and IPA letters that real names and languages use.
_COMMON_EXTENDED = frozenset(
    [0x018F, 0x0192, 0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x01E6, 0x01E7, 0x0259, 0x02BB, 0x02BC]
    + list(range(0x01C4, 0x01DD))
    + list(range(0x0218, 0x021C))
)

_SCRIPTS = ("Latin", "Cyrillic", "Greek", "Armenian", "Hebrew", "Arabic", "Georgian",
            "Devanagari", "Bengali", "Tamil", "Thai", "Hangul", "Han", "Hiragana",
            "Katakana", "Ethiopic")
_SCRIPT_RES = tuple((name, regex.compile(rf"\p{{Script={name}}}")) for name in _SCRIPTS)
_JAPANESE_CHINESE = {"Han": "CJK", "Hiragana": "CJK", "Katakana": "CJK"}


@dataclass(frozen=True, slots=True)
class Repair:
    """``text[start:end]`` of a line should read ``replacement``; ``how`` names the
    code pages (outermost layer first), ``by_ftfy`` whether ftfy found it."""

    start: int
    end: int
    replacement: str
    how: tuple[str, ...]
    by_ftfy: bool = False
    clear: bool = True  # False: two readings were equally plausible; code-page order chose

    def describe(self) -> str:
        if not self.how:
            return "UTF-8 read with the wrong code page (repaired by ftfy)"
        layers = list(reversed(self.how))  # the order the damage happened in
        if len(set(layers)) == 1 and len(layers) > 1:
            said = f"UTF-8 read as {layers[0]}, {_times(len(layers))}"
        else:
            said = "UTF-8 read as " + layers[0] + "".join(
                f", then the result read as {label}" for label in layers[1:]
            )
        return said + (" (repaired by ftfy)" if self.by_ftfy else "")


def _times(count: int) -> str:
    return {2: "twice"}.get(count, f"{count} times")


@lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    for name, pattern in _SCRIPT_RES:
        if pattern.match(char):
            return _JAPANESE_CHINESE.get(name, name)
    return None


@lru_cache(maxsize=8192)
def is_rare(char: str) -> bool:
    point = ord(char)
    if point in _COMMON_EXTENDED:
        return False
    if 0x1F000 <= point <= 0x1FAFF:  # emoji are common enough
        return False
    category = unicodedata.category(char)
    if category in ("Cn", "Co", "Cs") or (category == "Cc" and char not in "\t\n\r"):
        return True
    return any(low <= point <= high for low, high in _RARE_RANGES)


@lru_cache(maxsize=8192)
def _char_class(char: str) -> str:
    """L letter, M mark, N digit, O odd (a sign or symbol), P word punctuation,
    C control, A ASCII non-alphanumeric, S space."""
    if char.isascii():
        if char.isalpha():
            return "L"
        if char.isdigit():
            return "N"
        return "S" if char.isspace() else "A"
    if char in SYMBOL_LIKE_LETTERS:
        return "O"
    category = unicodedata.category(char)
    first = category[0]
    if first == "L":
        return "L"
    if first == "M":
        return "M"
    if category == "Nd":
        return "N"
    if category in ("Zs",):
        return "S"
    if category == "Cf":
        return "P"  # soft hyphens, joiners: encoding.invisible's business
    if first == "C" or first == "Z":
        return "C"
    if char in WORD_PUNCTUATION:
        return "P"
    return "O"


def weirdness(word: str) -> int:
    """How broken a token looks: 0 for ordinary words in any script."""
    if word.isascii():
        return 0
    score = 0
    classes = [_char_class(c) for c in word]
    scripts: set[str] = set()
    dashes = 0
    last = len(word) - 1
    for index, char in enumerate(word):
        kind = classes[index]
        before = classes[index - 1] if index else "S"
        after = classes[index + 1] if index < last else "S"
        if kind == "L":
            script = script_of(char)
            if script is not None:
                scripts.add(script)
            if index and before == "L" and not (char.isascii() and word[index - 1].isascii()):
                if word[index - 1].islower() and char.isupper():
                    score += 1
                elif (char.islower() and not char.isascii() and index > 1
                      and word[index - 1].isupper() and word[index - 2].isupper()):
                    score += 1  # "SÖģ": capitals, then a lower-case letter
        elif kind == "C":
            score += 2
        elif kind == "M":
            if before not in ("L", "M", "N"):
                score += 1
        elif kind == "O":
            letter_before = before in ("L", "M")
            letter_after = after in ("L", "M")
            if letter_before and letter_after:
                score += 2
            elif letter_before or letter_after:
                if letter_before and char in TRAILING_SIGNS and after in ("S", "A", "P", "O"):
                    continue
                if letter_after and char in LEADING_SIGNS and before in ("S", "A", "P"):
                    continue
                score += 1
            elif (before == "O" or after == "O") and "L" in classes:
                score += 1  # a pile-up of signs in a word
        elif kind == "P":
            if char in "–—":
                dashes += 1
            elif char in INNER_QUOTES and "L" in classes[:index] and "L" in classes[index + 1 :]:
                score += 1  # quotes and ellipses do not stand inside a word
    if len(scripts) > 1:
        score += 2
    if dashes > 1:
        score += 1
    return score + badness(word)


def is_clean(text: str) -> bool:
    """A repair result good enough to accept: nothing weird, nothing rare."""
    return weirdness(text) == 0 and not any(is_rare(c) for c in text if not c.isascii())


class _Codec:
    __slots__ = ("name", "label", "to_byte")

    def __init__(self, name: str, label: str) -> None:
        self.name, self.label = name, label
        table = {}
        for byte in range(0x80, 0x100):
            try:
                char = bytes([byte]).decode(name)
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and char not in table:
                table[char] = byte
        self.to_byte = table


@lru_cache(maxsize=1)
def codec_tables() -> tuple[_Codec, ...]:
    _ftfy()  # registers the sloppy codecs
    tables = []
    for name, label in CODECS:
        try:
            _codecs.lookup(name)
        except LookupError:  # a codec this Python lacks is simply not searched
            continue
        tables.append(_Codec(name, label))
    return tuple(tables)


@lru_cache(maxsize=1)
def _lead_chars() -> frozenset[str]:
    """Characters that some code page maps to a UTF-8 lead byte (0xC2 to 0xF4)."""
    return frozenset(c for t in codec_tables() for c, b in t.to_byte.items() if 0xC2 <= b <= 0xF4)


@lru_cache(maxsize=1)
def _suspect_pattern():
    """Every repair needs a character that some code page maps to a UTF-8 lead byte
    followed by one it maps to a continuation byte (or, for ftfy, a lead byte whose
    continuation became a space or a replacement character). A line without one is
    left alone before ftfy or the search spends anything on it."""
    leads = "".join(sorted(_lead_chars()))
    conts = "".join(sorted({c for t in codec_tables() for c, b in t.to_byte.items() if 0x80 <= b <= 0xBF}))
    return regex.compile(f"[{regex.escape(leads)}][{regex.escape(conts)}]|[\xc2-\xf4][ ?]|\ufffd")


@lru_cache(maxsize=1)
def _suspect_prefilter():
    """Where a telltale pair may start, found by the stdlib several times faster than
    the full test: two characters outside ASCII in a row (when every lead and
    continuation character is outside ASCII, as in the code pages searched), a lead
    byte's character before a space or "?", or U+FFFD; a lookahead, so that every such
    position is found, overlapping ones included. None when it would not be looser."""
    conts = {c for t in codec_tables() for c, b in t.to_byte.items() if 0x80 <= b <= 0xBF}
    if any(c.isascii() for c in _lead_chars() | conts):
        return None
    return re.compile("(?=[^\\x00-\\x7f]{2}|[\\xc2-\\xf4][ ?]|\\ufffd)")


def is_suspect(line: str) -> bool:
    if line.isascii():
        return False
    prefilter = _suspect_prefilter()
    if prefilter is None:
        return _suspect_pattern().search(line) is not None
    # The full test (two large classes) searched over a whole text costs about a
    # millisecond per 5 kB; tried only where the loose one holds, next to nothing.
    match = _suspect_pattern().match
    return any(match(line, found.start()) for found in prefilter.finditer(line))


def decode_layer(text: str, codec: _Codec) -> tuple[str, bool] | None:
    """Undo one layer: every run of characters whose bytes in ``codec`` form a valid
    UTF-8 sequence becomes the character it encodes. Returns the result and whether
    every non-ASCII character took part, or None when nothing decoded."""
    to_byte = codec.to_byte
    out: list[str] = []
    position = 0
    length = len(text)
    complete = True
    changed = False
    while position < length:
        char = text[position]
        lead = to_byte.get(char)
        if lead is None or not 0xC2 <= lead <= 0xF4:
            if not char.isascii():
                complete = False
            out.append(char)
            position += 1
            continue
        need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
        tail = text[position + 1 : position + 1 + need]
        sequence = [lead] + [to_byte.get(c, -1) for c in tail]
        if len(tail) == need and all(0x80 <= b <= 0xBF for b in sequence[1:]):
            try:
                out.append(bytes(sequence).decode("utf-8"))
            except UnicodeDecodeError:  # overlong forms, surrogates, beyond U+10FFFF
                pass
            else:
                position += 1 + need
                changed = True
                continue
        complete = False
        out.append(char)
        position += 1
    if not changed:
        return None
    return "".join(out), complete


def _score(text: str) -> tuple[int, int]:
    return weirdness(text), badness(text)


# One layer of these is ftfy's domain: where ftfy declined, it had its reasons
# ("DrÃ¥ber" could be Latin-1 or Mac Roman), so our search does not overrule it.
FTFY_DOMAIN = frozenset({"Windows-1252", "Latin-1 (ISO-8859-1)"})


def token_readings(token: str, defer: frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """Every clean reading of one suspicious token, with its code pages (outermost
    first), from the shallowest layer that gives any; a single layer of a code page
    in ``defer`` is not accepted on its own."""
    if token.isascii() or not any(c in _lead_chars() for c in token):
        return {}
    original = _score(token)
    if original[0] == 0:
        return {}
    frontier: list[tuple[str, tuple[str, ...]]] = [(token, ())]
    deferred: set[str] = set()
    for _layer in range(MAX_LAYERS):
        accepted: dict[str, tuple[str, ...]] = {}
        deeper: dict[str, tuple[str, ...]] = {}
        for text, how in frontier:
            for codec in codec_tables():
                decoded = decode_layer(text, codec)
                if decoded is None:
                    continue
                result, complete = decoded
                chain = how + (codec.label,)
                if is_clean(result) and badness(result) <= original[1]:
                    if len(chain) == 1 and chain[0] in defer:
                        deferred.add(result)
                    accepted.setdefault(result, chain)
                elif complete and not result.isascii() and result not in deeper:
                    deeper[result] = chain
        if deferred:
            return {}
        if accepted:
            return accepted
        frontier = list(deeper.items())[:MAX_FRONTIER]
        if not frontier:
            break
    return {}


def decode_chain(token: str, how: tuple[str, ...]) -> str | None:
    """``token`` with every layer of ``how`` undone, when each layer decodes every
    non-ASCII character and the result is clean; otherwise None."""
    by_label = {codec.label: codec for codec in codec_tables()}
    text = token
    for label in how:
        decoded = decode_layer(text, by_label[label])
        if decoded is None or not decoded[1]:
            return None
        text = decoded[0]
    return text if is_clean(text) else None


@lru_cache(maxsize=1)
def _code_page_sets() -> tuple[frozenset[str], ...]:
    """The upper halves of the single-byte code pages Python knows."""
    import encodings
    import pkgutil

    sets = []
    for module in pkgutil.iter_modules(encodings.__path__):
        try:
            info = _codecs.lookup(module.name)
            upper = bytes(range(0x80, 0x100)).decode(info.name, errors="ignore")
        except (LookupError, UnicodeDecodeError, TypeError, ValueError):
            continue
        if 96 <= len(upper) <= 128 and len(upper.encode(info.name, errors="ignore")) == len(upper):
            sets.append(frozenset(upper))
    return tuple(sets)


@lru_cache(maxsize=4096)
def _coverage(char: str) -> int:
    """In how many legacy code pages a character exists: a proxy for how common it is
    ("š" is in fifteen, "ŵ" in one), which breaks ties between two clean readings."""
    return sum(char in upper for upper in _code_page_sets())


def commonness(text: str) -> float:
    import math

    return sum(math.log(1 + _coverage(c)) for c in text if not c.isascii())


def choose_reading(
    readings: dict[str, tuple[str, ...]], support: dict[tuple[str, ...], int]
) -> tuple[str, tuple[str, ...], bool] | None:
    """The most plausible reading: the code pages most other words of the line agree
    on, then the commoner letters, then the commoner code page. The flag says whether
    the choice was clear (not down to code-page order alone)."""
    if not readings:
        return None
    order = {label: index for index, (_name, label) in enumerate(CODECS)}

    def rank(item):
        result, how = item
        return (-support.get(how, 0), -round(commonness(result), 6), [order.get(h, 99) for h in how])

    ranked = sorted(readings.items(), key=rank)
    best = ranked[0]
    clear = len(ranked) == 1 or rank(ranked[1])[:2] != rank(best)[:2]
    return best[0], best[1], clear


def repair_token(token: str) -> tuple[str, tuple[str, ...]] | None:
    """The best repair of one suspicious token on its own, and its code pages."""
    chosen = choose_reading(token_readings(token), {})
    return None if chosen is None else chosen[:2]


def _word_core(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the letters and digits around it."""
    while start > 0 and _char_class(text[start - 1]) in ("L", "M", "N"):
        start -= 1
    while end < len(text) and _char_class(text[end]) in ("L", "M", "N"):
        end += 1
    return start, end


_FTFY_CODEC_NAMES = {"macroman": "mac_roman"}


def _ftfy_plan_labels(text: str) -> tuple[str, ...]:
    _fixed, plan = _ftfy().fix_and_explain(text, config=ftfy_encoding_only())
    labels = dict(CODECS)
    labels.update({ftfy_name: labels[ours] for ftfy_name, ours in _FTFY_CODEC_NAMES.items()})
    return tuple(labels.get(step[1], step[1]) for step in plan or () if step[0] == "encode")


def ftfy_repairs(line: str) -> list[Repair]:
    """ftfy's encoding repairs of a line, one per changed word or run of words."""
    fixed = _ftfy().fix_text(line, config=ftfy_encoding_only())
    if fixed == line:
        return []
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    regions: list[list[int]] = []  # [i1, i2, j1, j2]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if regions:
            last = regions[-1]
            between = line[last[1] : i1]
            if not any(c.isspace() for c in between):
                last[1], last[3] = i2, j2
                continue
        regions.append([i1, i2, j1, j2])
    repairs = []
    for i1, i2, j1, j2 in regions:
        start, end = _word_core(line, i1, i2)
        j_start, j_end = j1 - (i1 - start), j2 + (end - i2)
        before, after = line[start:end], fixed[j_start:j_end]
        if before == after:
            continue
        ours = search_repairs(line, within=(start, end))
        if ours:  # both read this stretch: keep the reading that looks less broken
            low, high = min([start] + [r.start for r in ours]), max([end] + [r.end for r in ours])
            by_ftfy = line[low:start] + after + line[end:high]
            by_search = _apply(line[low:high], [replace(r, start=r.start - low, end=r.end - low) for r in ours])
            if _text_weirdness(by_search) < _text_weirdness(by_ftfy):
                repairs.extend(ours)
                continue
        if weirdness(after) > weirdness(before):
            continue  # ftfy's change would not make this word look better
        repairs.append(Repair(start, end, after, _ftfy_plan_labels(before), by_ftfy=True))
    return repairs


def _text_weirdness(text: str) -> int:
    return sum(weirdness(token) for token in TOKEN.findall(text))


def _apply(text: str, repairs: list[Repair]) -> str:
    out, position = [], 0
    for repair in sorted(repairs, key=lambda r: r.start):
        out.append(text[position : repair.start])
        out.append(repair.replacement)
        position = repair.end
    out.append(text[position:])
    return "".join(out)


def search_repairs(
    line: str, skip: list[tuple[int, int]] = (), within: tuple[int, int] | None = None,
    defer: frozenset[str] = frozenset(),
) -> list[Repair]:
    """Our own code-page search over the tokens of a line (those meeting ``within``,
    if given), outside ``skip`` spans."""
    lead = _lead_chars()
    candidates = []
    quiet: list[tuple[int, str]] = []
    for match in TOKEN.finditer(line):
        token = match.group()
        if token.isascii() or not any(c in lead for c in token):
            continue
        start, end = match.span()
        if within is not None and not (within[0] < end and start < within[1]):
            continue
        if any(s < end and start < e for s, e in skip):
            continue
        readings = token_readings(token, defer)
        if readings:
            candidates.append((start, token, readings))
        else:
            quiet.append((start, token))
    support: dict[tuple[str, ...], int] = {}
    for _start, _token, readings in candidates:
        for how in set(readings.values()):
            support[how] = support.get(how, 0) + 1
    # A word that looks fine on its own ("Nausńóda") but decodes completely and cleanly
    # through the code pages that repair other words of the same line is damaged too.
    for start, token in quiet if support else ():
        for how in sorted(support, key=lambda h: -support[h]):
            result = decode_chain(token, how)
            if result is not None:
                candidates.append((start, token, {result: how}))
                break
    candidates.sort(key=lambda c: c[0])
    found: list[Repair] = []
    for start, token, readings in candidates:
        replacement, how, clear = choose_reading(readings, support)
        prefix, before_end, after_end = changed_span(token, replacement)
        core_start, core_end = _word_core(token, prefix, before_end)
        fixed_core = replacement[core_start : after_end + (core_end - before_end)]
        found.append(Repair(start + core_start, start + core_end, fixed_core, how, clear=clear))
    # A lone repaired letter ("√π" read as "ù") needs another word of the line repaired
    # the same way before it is believed: short tokens decode by accident.
    found = [
        r for r in found
        if sum(c.isalpha() for c in r.replacement) > 1
        or sum(other.how == r.how for other in found) > 1
    ]
    return _merge_runs(line, found)


def _merge_runs(line: str, repairs: list[Repair]) -> list[Repair]:
    """Adjacent repairs of the same code pages, separated by spaces only, become one."""
    merged: list[Repair] = []
    for repair in repairs:
        if merged:
            last = merged[-1]
            between = line[last.end : repair.start]
            if last.how == repair.how and last.by_ftfy == repair.by_ftfy and between.isspace():
                merged[-1] = Repair(last.start, repair.end, last.replacement + between + repair.replacement,
                                    last.how, last.by_ftfy, last.clear and repair.clear)
                continue
        merged.append(repair)
    return merged


def line_repairs(line: str) -> list[Repair]:
    """All mojibake repairs of one line (empty for ASCII lines, at almost no cost)."""
    if not is_suspect(line):
        return []
    repairs = ftfy_repairs(line)
    repairs += search_repairs(line, [(r.start, r.end) for r in repairs], defer=FTFY_DOMAIN)
    repairs.sort(key=lambda r: (r.start, -r.end))
    kept: list[Repair] = []
    for repair in repairs:
        if not kept or repair.start >= kept[-1].end:
            kept.append(repair)
    return _merge_runs(line, kept)


def fix_line(line: str) -> str:
    """The line with every repair applied (used by the benchmark and tests)."""
    return _apply(line, line_repairs(line))


# The letters of the words English borrows, weighed by how often it does: where two
# readings of a legacy file are as clean, the one that keeps to the common ones is the
# English text's ("naïve" over "naďve", "Señor" over "Seûor"). A letter of one language
# family alone ("ø", "å", "ř", "ł") counts as foreign, so that between "Dvořák" and
# "Dvoøák" the detector's choice stands.
COMMON_LOANWORD_LETTERS = frozenset("áàâäçéèêíóôöúüñÁÀÂÄÇÉÈÊÍÓÔÖÚÜÑ")
RARE_LOANWORD_LETTERS = frozenset("ãëìîïòõùûœæßÃËÌÎÏÒÕÙÛŒÆ")
# Signs English text writes, as ordinary as its quotes and dashes: a short file whose
# only non-ASCII byte is "£" or "°" is told by them alone ("£10" over cp932 "｣10"), and
# a sign not among them (cp1252 "¤" for Latin-9 "€") is as unlikely as a foreign letter.
ENGLISH_SIGNS = frozenset("£€¥¢©®™°§¶•†‡‰±×÷½¼¾¹²³µ\xa0")
# marks a reading puts between two letters where no word has them ("Tom·ö", "No‘l"):
# a byte that is a letter in the code page the text was written in (Mac Roman "ø" is
# cp1252 "¿": "S¿ren")
INSIDE_A_WORD = regex.compile(r"(?<=\p{L})[·‘“”„«»‹›…¼½¾¹²³¿¡](?=\p{L})")
# "25°C" is English, though a sign glued to a letter is mojibake's mark elsewhere
OPENING_MARKS = "«„“‘‹\"'(["
CLOSING_MARKS = "»”’›…\"'.,;:!?)]"
DEGREES = regex.compile(r"(?<=\d)°[CF]\b")
# Controls no text holds: a single-byte reading of UTF-16 keeps its NULs (charset-
# normalizer reads English UTF-16 without a byte-order mark right; the code pages do not).
CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# the legacy code pages English text is written in, tried whatever the detector says;
# Latin-9 only tells "€" from cp1252's "¤" (its reading is otherwise cp1252's)
ENGLISH_CODE_PAGES = ("cp1252", "iso8859_15", "mac_roman")
# charset-normalizer's runners-up tried as well: its first choice for a few bytes is
# often far off ("Сергей" in cp1251 taken for mac_latin2, Turkish for iso8859_10)
DETECTOR_CANDIDATES = 6
# cp1252 leaves five bytes undefined; a file with one of them is still cp1252 text
# (named so, though Python will not decode it: the file is left as it is, rather than
# read whole in the code page that happens to define the byte). The byte is judged as
# one foreign letter, not as the control Latin-1 would make of it.
_CP1252_GAPS = {0xDC00 + byte: None for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _sloppy_cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="surrogateescape").translate(_CP1252_GAPS)


def _looks_utf8(data: bytes) -> bool:
    """Mostly UTF-8, with a stray byte or a few: more well-formed multi-byte sequences
    than broken ones. Read in any code page, the rest would turn to mojibake."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return 0 < 3 * broken <= sum(1 for char in text if not char.isascii()) - broken


@lru_cache(maxsize=65536)
def _token_score(token: str) -> tuple[int, float, int]:
    """(broken, foreign, marks) of a token outside ASCII."""
    broken = weirdness(DEGREES.sub("℃", token))
    # a word whole in another script ("Сергей", "«Αθήνα»") is a word, not mojibake:
    # readings across scripts break the Latin words around it instead ("naпve"), or
    # glue signs to it ("—ьдпт", "”бнфп" for Greek read as Mac Cyrillic)
    word = token.lstrip(OPENING_MARKS).rstrip(CLOSING_MARKS)
    scripts = {script_of(char) if char.isalpha() else "" for char in word
               if not unicodedata.category(char).startswith("M")}
    # (of two letters or more: one alone, "پ" for cp1252's undefined 0x81, is no word)
    own_script = (len(scripts) == 1 and not scripts & {None, "", "Latin"}
                  and sum(char.isalpha() for char in word) > 1)
    foreign = 0.0
    marks = 0
    for char in token:
        if char.isascii():
            continue
        if char not in WORD_PUNCTUATION and char not in ENGLISH_SIGNS:
            # counted as bytes: a CJK reading packs two in a character, and is no
            # likelier for holding fewer characters ("Київ" read as Big5 "淀謤")
            marks += 2 if char >= "\u2e80" and not "\uff61" <= char <= "\uff9f" else 1
        if is_rare(char):
            foreign += 1.0
        elif char in COMMON_LOANWORD_LETTERS or char in WORD_PUNCTUATION or char in ENGLISH_SIGNS:
            pass
        elif char in RARE_LOANWORD_LETTERS:
            foreign += 0.5
        elif char.isalpha():
            foreign += 0.0 if own_script else 1.0
        elif not char.isspace() and unicodedata.category(char)[0] not in "MN":
            foreign += 1.0  # a sign English does not write ("¤", "｣")
    return broken, foreign, marks


def legacy_encoding(data: bytes) -> str | None:
    """The legacy encoding ``data`` (not UTF-8) was most likely written in, for an English
    text: of charset-normalizer's choices and the English code pages, the one whose
    reading has the fewest broken words (``weirdness``, and controls), then the fewest
    letters and signs foreign to English text or rare (the rarer loanword letters
    counting half, a word whole in another script not at all), then the fewest
    characters outside ASCII but quotation marks, dashes and English signs (English
    writes more of them than accents: "it’s — yes" over "itís ó yes"), then
    charset-normalizer's order. Mostly UTF-8 with a stray byte is named ``utf_8``: it
    is no legacy file, and no code page reads it whole.

    charset-normalizer alone reads English well only by luck: it took 51 of 70 dev
    articles saved as cp1252 for cp1250 ("naïve" read "naďve"), and 60 of 67 saved as Mac
    Roman for something else (bench/encoding.py)."""
    from charset_normalizer import from_bytes

    if _looks_utf8(data):
        return "utf_8"
    matches = list(from_bytes(data))
    detected = matches[0].encoding if matches else None
    candidates = [detected] if detected is not None else []
    candidates += [name for name in ENGLISH_CODE_PAGES if name not in candidates]
    candidates += [match.encoding for match in matches[1:DETECTOR_CANDIDATES]
                   if match.encoding not in candidates]
    best_key, best = None, None
    readings: dict[str, tuple[int, float, int, int]] = {}  # each reading's score, and its first rank
    for rank, name in enumerate(candidates):
        gaps = 0
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            if name != "cp1252":
                continue
            text = _sloppy_cp1252(data)
            gaps = len(data) - len(text)
        except LookupError:
            continue
        seen = readings.get(text)
        if seen is None:
            key = readings[text] = (*_reading_score(text, gaps), rank)
        elif name in ENGLISH_CODE_PAGES and seen[3] == 0 and detected not in ENGLISH_CODE_PAGES:
            # charset-normalizer's own reading: the English code page is the likelier,
            # and what the rest of a file past the detector's sample is read in
            key = (*seen[:3], -1)
        else:
            continue
        if best_key is None or key < best_key:
            best_key, best = key, name
    return best if best is not None else detected


def _reading_score(text: str, gaps: int) -> tuple[int, float, int]:
    """(broken, foreign, marks) of one reading of a file (see ``legacy_encoding``),
    ``gaps`` bytes of it undefined in its code page."""
    broken = len(INSIDE_A_WORD.findall(text)) + 2 * len(CONTROLS.findall(text))
    foreign = float(gaps)
    marks = 0
    for token in TOKEN.findall(text):
        if not token.isascii():
            token_broken, token_foreign, token_marks = _token_score(token)
            broken += token_broken
            foreign += token_foreign
            marks += token_marks
    return broken, foreign, marks
