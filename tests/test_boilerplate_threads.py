"""Comment threads and story lists: dated-pair headers, the texts between them, and the
article's own byline, date and lead, which must stay."""

from cleanup.document import Document
from cleanup.engine import fix_document
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset

PROSE = "The article is long enough to count as a paragraph of prose, it says so here."


def fixed(text, *rule_ids):
    rules = Ruleset.load().select(list(rule_ids)).rules
    return fix_document(Document.from_text(text), rules, Context(), unsafe=True).text


def thread(count):
    return "\n\n".join(f"reader{n} says:\nNovember 19, 2019 at {n}:44 am\nComment number {n}."
                       for n in range(1, count + 1))


def test_thread_headers_and_texts_between_them_go():
    text = f"{PROSE}\n\n{thread(3)}\n"
    assert fixed(text, "boilerplate.dated-header") == f"{PROSE}\n\nComment number 3.\n"


def test_two_pairs_are_not_a_thread():
    text = f"{PROSE}\n\n{thread(2)}\n"
    assert fixed(text, "boilerplate.dated-header") == text


def test_the_article_after_its_own_byline_and_date_stays():
    lead = "By Jane Smith\nNovember 20, 2019 10:43\n"
    stories = "\n\n".join(f"Story {n} headline\n\nBy REUTERS\n11/20/2019 0{n}:14 PM" for n in range(1, 4))
    text = f"{lead}{PROSE}\n{PROSE}\n\n{stories}\n"
    out = fixed(text, "boilerplate.dated-header")
    assert f"{PROSE}\n{PROSE}\n" in out
    assert "By REUTERS" not in out


def test_sentences_ending_in_a_full_stop_are_not_headers():
    text = "\n".join(f"The vote number {n} was held.\nMarch {n}, 2019" for n in range(1, 5))
    assert fixed(text, "boilerplate.dated-header") == text


def test_far_sentence_keeps_a_run_of_paragraphs():
    lead = "\n\n".join(f"Lead paragraph {n} of the article is long, it runs on with words enough to be prose."
                       for n in range(3))
    teasers = "\n".join(f"Teaser {n}" for n in range(10))
    body = "\n\n".join(f"Body paragraph {n} says what the story is about, with words enough to be prose here."
                       for n in range(12))
    text = f"{lead}\n\n{teasers}\n\n{body}\n"
    out = fixed(text, "boilerplate.far-sentence")
    assert "Lead paragraph 0" in out and "Lead paragraph 2" in out


def test_far_sentence_removes_a_lone_far_sentence():
    body = "\n\n".join(f"Body paragraph {n} says what the story is about, with words enough to be prose here."
                       for n in range(12))
    teasers = "\n".join(f"Teaser {n}" for n in range(10))
    text = f"Sign up for our daily briefing, it is free of charge for every reader.\n{teasers}\n\n{body}\n"
    assert "Sign up" not in fixed(text, "boilerplate.far-sentence")
