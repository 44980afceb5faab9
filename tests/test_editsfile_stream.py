"""The edits file written a document at a time (``EditsFileWriter``, what `fix --report`
uses, so that a fix holds no list of every edit of the corpus) is the text ``dump``
gives, which is ``json.dumps(..., indent=1)`` of the whole file."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.editsfile import VERSION, DocumentEdits, EditsFileWriter, dump, load
from cleanup.model import AppliedEdit

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "\n", "a\nb", "\u2028", '"', "\\", "Сергей Лавров", "\r\n"])
EDIT = st.builds(AppliedEdit, rule=st.sampled_from(["names.variant", "typography.multiple-spaces"]),
                 start=st.integers(0, 10**6), end=st.integers(0, 10**6), before=TEXT, after=TEXT, safe=st.booleans())
DOCUMENT = st.builds(DocumentEdits, path=TEXT, sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
                     edits=st.lists(EDIT, max_size=3).map(tuple))


def whole(documents) -> str:
    return json.dumps({"version": VERSION, "documents": [d.to_json() for d in documents]}, ensure_ascii=False,
                      indent=1)


@settings(max_examples=200, deadline=None)
@given(st.lists(DOCUMENT, max_size=4))
def test_dump_in_pieces_is_the_whole_file_dumped(documents):
    assert dump(documents) == whole(documents)


def test_the_writer_writes_what_dump_gives_and_abort_leaves_nothing(tmp_path):
    documents = [DocumentEdits("a.txt", "0" * 64, (AppliedEdit("names.variant", 0, 4, "Saki", "Psaki", False),)),
                 DocumentEdits("b.jsonl#7", "1" * 64, ())]
    for chosen in ([], documents[:1], documents):
        target = tmp_path / "sub" / "edits.json"
        writer = EditsFileWriter(target)
        for document in chosen:
            writer.append(document)
        writer.commit()
        assert target.read_text(encoding="utf-8") == dump(chosen) and load(target) == chosen
    writer = EditsFileWriter(tmp_path / "other.json")
    writer.append(documents[0])
    writer.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["edits.json"]
