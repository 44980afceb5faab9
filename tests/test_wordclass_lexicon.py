"""``wordclass.lexicon`` reads lemminflect's lemma table itself (without importing
lemminflect, which imports numpy): for every lowercase word it must give the tags
lemminflect's own ``getAllLemmas`` gives (the rules look words up lowercased)."""

from __future__ import annotations

import lemminflect

from cleanup.wordclass import lexicon


def test_lexicon_gives_lemminflects_tags_for_every_lowercase_word():
    table = lexicon()
    lowercase = [word for word in table if word == word.lower()]
    assert len(lowercase) > 50_000
    differing = [(word, sorted(table[word]), sorted(lemminflect.getAllLemmas(word)))
                 for word in lowercase if table[word] != set(lemminflect.getAllLemmas(word))]
    assert differing == []


def test_words_with_the_same_tags_share_one_set():
    table = lexicon()
    assert len({id(tags) for tags in table.values()}) == len(set(table.values())) < 40
    assert table["troops"] == {"NOUN", "VERB"} and table["said"] <= {"VERB", "AUX"}
