"""Builds the names test set from the names table: documents with listed variants,
unlisted near-misses, in-document garbles, role-anchored garbles, and clean documents
with hard negatives (real, different people and places whose names look alike).

Each case is (kind, text, expected) where expected is a list of (rule, flagged text,
replacement) and is empty for clean documents. Deterministic (seeded).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from cleanup.namematch import common_words, skeleton
from cleanup.nametable import NameEntry, NameTable

# Invented people for the table-free (in-document) cases: not in any table.
GIVEN = ["Maria", "Oleh", "Tetiana", "Viktor", "Hanna", "Ihor", "Natalia", "Petro", "Larysa", "Yurii",
         "Svitlana", "Bohdan", "Iryna", "Taras", "Olha", "Roman"]
FAMILY = ["Kovalenko", "Shevchuk", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk", "Shevchenko",
          "Polishchuk", "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Moroz", "Pavlenko", "Kharchenko",
          "Tsymbaliuk", "Psarenko", "Ptashnyk", "Khmara", "Vdovychenko"]
# Real, different people and places whose names look like names in the table.
HARD_NEGATIVES = [
    "Martin Schulz, the former European Parliament president, criticised Olaf Scholz. Schulz said so.",
    "Jane Austen wrote six novels; Lloyd Austin leads the Pentagon. Austen died in 1817.",
    "Jill Biden and Hunter Biden travelled with Joe Biden. The Bidens returned on Sunday.",
    "Daniil Medvedev won in Melbourne while Dmitry Medvedev spoke in Moscow.",
    "Olena Zelenska visited London, and Volodymyr Zelenskyy stayed in Kyiv.",
    "He ordered chicken Kiev in Odessa, Texas, and a Kiev cake for dessert.",
    "British Prime Minister Theresa May met US President Donald Trump in 2019.",
    "Former Russian Foreign Minister Igor Ivanov and Sergey Lavrov met in Moscow.",
    "Secretary of State Mike Pompeo and Defense Secretary Mark Esper spoke in 2020.",
    "The Biden administration met at the NATO summit; the Kremlin and the Hague were silent.",
    "Sen. Dan Sullivan questioned Jake Sullivan. Mark Miller met Matthew Miller.",
    "Kamala Harris visited Harris County and Austin, Texas.",
    "Kirby Smart coaches Georgia; John Kirby briefs reporters.",
    "Ned Price spoke, Condoleezza Rice listened, and Rice said little.",
    "Boris Johnson met Boris Pistorius; Johnson and Pistorius agreed.",
    "Angela Merkel and Angela Davis were both mentioned; Davis spoke later.",
    "Donald Tusk met Donald Trump. Tusk and Trump disagreed.",
    "Catherine Colonna met Catherine Ashton in Brussels.",
    "James Cleverly and James Clapper both spoke; Clapper left early.",
    "Karine Jean-Pierre answered. Jean-Pierre Raffarin, a former French prime minister, did not.",
    "NATO Secretary General Jens Stoltenberg met UN Secretary-General António Guterres.",
    "KYIV (Reuters) - President Volodymyr Zelenskyy said Kyiv would hold.",
    "Alexander Lukashenko met Alexander Novak, Russia's deputy prime minister.",
    "Emmanuel Macron met Emmanuel Moulin, a senior French official.",
    "Mark Milley met Mark Millie, a reporter. Millie asked the first question.",
]


@dataclass
class Case:
    kind: str
    text: str
    expected: list[tuple[str, str, str]] = field(default_factory=list)


def _variant_replacement(entry: NameEntry, variant: str) -> str:
    if entry.kind == "person" and " " not in variant and " " in entry.canonical:
        return entry.family_name
    return entry.canonical


def _transliterate(word: str, rng: random.Random) -> str:
    """An unlisted spelling a transliteration or MT system might produce."""
    swaps = [("v", "w"), ("y", "i"), ("i", "y"), ("ks", "x"), ("x", "ks"), ("f", "ph"), ("k", "ck")]
    rng.shuffle(swaps)
    lower = word[1:]
    for source, target in swaps:
        if source in lower:
            return word[0] + lower.replace(source, target, 1)
    index = rng.randrange(1, len(word) - 1)
    return word[:index] + word[index] + word[index:]  # a doubled letter


def _respell(word: str) -> str | None:
    """Another spelling of ``word`` with the same skeleton ("Kovalenko" -> "Kowalenko")."""
    for source, target in (("v", "w"), ("y", "i"), ("i", "y"), ("k", "ck"), ("f", "ph")):
        if source in word[1:]:
            respelt = word[0] + word[1:].replace(source, target, 1)
            if skeleton(respelt) == skeleton(word):
                return respelt
    return None


def _drop_inner_letter(word: str, rng: random.Random) -> str:
    index = rng.randrange(2, len(word) - 1)
    return word[:index] + word[index + 1 :]


def _known(table: NameTable, text: str) -> bool:
    return text.casefold() in table.forms


def _entry_random(seed: int, entry: NameEntry, part: str) -> random.Random:
    """A generator per entry and part: adding or editing one entry re-draws only its own
    cases, so figures stay comparable across edits of the table (a str seed is hashed
    with SHA-512, the same in every process)."""
    return random.Random(f"{seed}:{part}:{entry.canonical}")


def build(table: NameTable, seed: int = 7) -> list[Case]:
    cases: list[Case] = []
    people = [e for e in table.entries if e.kind == "person" and len(e.tokens) == 2 and "-" not in e.canonical]

    for entry in table.entries:  # listed variants
        for variant in entry.variants:
            text = f"Reporters asked about {variant} on Monday, officials said."
            cases.append(Case("variant", text, [("names.variant", variant, _variant_replacement(entry, variant))]))

    for entry in people:  # unlisted near-misses of table names
        given, family = entry.tokens
        rng = _entry_random(seed, entry, "near-miss")
        garbles = {
            f"{_transliterate(given, rng)} {family}",
            f"{given} {_transliterate(family, rng)}",
            f"{given} {_drop_inner_letter(family, rng)}" if len(family) >= 6 else "",
        }
        for garble in sorted(g for g in garbles if g and not _known(table, g)):
            text = f"On Tuesday {garble} told reporters that talks would continue."
            cases.append(Case("near-miss", text, [("names.near-miss", garble, entry.canonical)]))

    for index in range(60):  # in-document garbles of a full name in the same document
        given, family = GIVEN[index % len(GIVEN)], FAMILY[index % len(FAMILY)]
        if index % 2 == 0 and family[1:].casefold() not in common_words():
            garble = family[1:].capitalize()
        else:
            garble = _respell(family)
            if garble is None:
                continue
        text = (f"{given} {family}, a local official, spoke on Monday.\n\n"
                f"{garble} said the bridge would reopen within a week.")
        cases.append(Case("in-document", text, [("names.in-document", garble, family)]))

    for entry in people:  # role-anchored garbles, beyond edit distance
        if not entry.roles:
            continue
        given, family = entry.tokens
        role = entry.roles[0]
        holders = [e for e in table.entries if role in e.roles]
        if len(holders) > 1 and any(h.tokens[0] == given for h in holders if h is not entry):
            continue
        rng = _entry_random(seed, entry, "role")
        scrambled = family[0] + "".join(rng.sample(family[1:], len(family) - 1))
        garbles = [f"{given[:-1]}ń≠ {scrambled}", f"{given} {rng.choice(FAMILY)}"]
        for garble in garbles:
            if _known(table, garble):
                continue
            text = f"Earlier, {role} {garble} met his counterparts."
            cases.append(Case("role-mismatch", text, [("names.role-mismatch", garble, entry.canonical)]))

    for entry in table.entries:  # clean: every canonical, and every role with each holder
        cases.append(Case("clean", f"Reporters asked about {entry.canonical} on Monday, officials said."))
        for role in entry.roles:
            if role.casefold() in table.forms:
                continue  # "NATO Secretary-General" is itself a listed variant
            cases.append(Case("clean", f"On Monday, {role} {entry.canonical} met reporters."))
    cases.extend(Case("hard-negative", text) for text in HARD_NEGATIVES)
    return cases
