"""The corpus rule keeps a short section title over a table row (results pages of one
site share "BOYS SOCCER"), and still removes a template line over anything else."""

from cleanup.document import Document
from cleanup.engine import fix_document, gather_corpus
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset



def prose(n):
    return f"Article {n} is long enough to count as a paragraph of prose, it says so here."


def fix_all(texts):
    rules = Ruleset.load().select(["boilerplate.corpus-repeated-line"]).rules
    docs = [Document.from_text(text) for text in texts]
    ctx = Context(corpus=gather_corpus(docs, rules, Context()))
    return [fix_document(doc, rules, ctx, unsafe=False).text for doc in docs]


def test_section_title_over_a_score_stays():
    texts = [f"{prose(n)}\n\nBOYS SOCCER\n\nViera d. Team{n} {n}-1\n\n{prose(n + 5)}\n" for n in range(3)]
    assert fix_all(texts) == texts


def test_template_line_over_prose_goes():
    texts = [f"{prose(n)}\n\nBOYS SOCCER\n\nReport {n} of the day follows below.\n" for n in range(3)]
    assert all("BOYS SOCCER" not in text for text in fix_all(texts))


def test_long_line_over_a_date_goes():
    line = "Five things to know about the vote in the city council"
    texts = [f"{prose(n)}\n\n{line}\nNov. 20, 2019 10:4{n} AM\n" for n in range(3)]
    assert all(line not in text for text in fix_all(texts))
