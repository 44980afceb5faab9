/* The review page's behaviour. Document text is untrusted: it only ever reaches the
   page as text nodes and textContent, never as markup. Offsets "s"/"e" are UTF-16
   (for slicing here); "start"/"end" are the code-point offsets that are exported. */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const docs = DATA.documents;
  const items = [];
  docs.forEach(function (doc, index) {
    doc.items.forEach(function (item) {
      item.doc = index;
      items[item.id] = item;
    });
  });

  const $ = function (id) { return document.getElementById(id); };
  const filters = { category: "", rule: "", safety: "", status: "" };
  let current = firstDocumentWithItems();
  let selected = null;
  let elements = new Map();  // item id -> elements drawn for it in the current document
  let docPills = [];         // document index -> the counts drawn in its row of the list
  let lastExport = null;     // decisions at the last export, to warn before leaving
  let toastTimer = null;

  function firstDocumentWithItems() {
    const index = docs.findIndex(function (doc) { return doc.items.length > 0; });
    return index < 0 ? 0 : index;
  }

  /* ---------- filters ---------- */

  function matches(item) {
    if (filters.category && item.category !== filters.category) return false;
    if (filters.rule && item.rule !== filters.rule) return false;
    if (filters.safety === "safe" && !(item.kind === "edit" && item.safe)) return false;
    if (filters.safety === "unsafe" && !(item.kind === "edit" && !item.safe)) return false;
    if (filters.safety === "note" && item.kind !== "note") return false;
    if (filters.status && !(item.kind === "edit" && item.status === filters.status)) return false;
    return true;
  }

  function countBy(key) {
    const counts = new Map();
    items.forEach(function (item) { counts.set(item[key], (counts.get(item[key]) || 0) + 1); });
    return Array.from(counts.entries()).sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });
  }

  function fillSelect(select, pairs) {
    pairs.forEach(function (pair) {
      const option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[0] + " (" + pair[1] + ")";
      select.appendChild(option);
    });
  }

  function bindFilter(select, key) {
    select.addEventListener("change", function () {
      setFilter(key, select.value);
      select.blur();
    });
  }

  function setFilter(key, value) {
    filters[key] = value;
    const select = $("filter-" + key);
    select.value = value;
    select.classList.toggle("active", value !== "");
    if (selected !== null && !matches(items[selected])) selected = null;
    refresh();
  }

  /* ---------- drawing the text ---------- */

  const INVISIBLE_NAMES = {
    "\u00a0": "nbsp", "\t": "tab", "\r": "cr", "\u200b": "zwsp", "\u200c": "zwnj",
    "\u200d": "zwj", "\u2060": "wj", "\u00ad": "shy", "\ufeff": "bom", "\u202f": "nnbsp"
  };
  const INVISIBLE = /[\u00a0\t\r\u200b-\u200d\u2060\u00ad\ufeff\u202f\u2000-\u200a\u2028\u2029\u205f\u3000\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  function label(text) {
    const span = document.createElement("span");
    span.className = "vis";
    span.textContent = text;
    return span;
  }

  /* Text of a change, with what cannot be seen made visible: invisible characters by
     name, a removed or added line break as a return sign, and spaces as open boxes
     when the change is nothing but spaces. */
  function visibleText(text, into, linesOnly) {
    const spacesOnly = !linesOnly && text !== "" && text.trim() === "" && !/\n/.test(text);
    let run = "";
    function flush() { if (run) { into.appendChild(document.createTextNode(run)); run = ""; } }
    for (const char of text) {
      if (char === "\n") {
        flush();
        into.appendChild(label("\u21b5"));
        run = "\n";
      } else if (char === " " && spacesOnly) {
        flush();
        into.appendChild(label("\u2423"));
      } else if (!linesOnly && INVISIBLE.test(char)) {
        flush();
        const name = INVISIBLE_NAMES[char] || "U+" + char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        into.appendChild(label(name));
      } else {
        run += char;
      }
    }
    flush();
    return into;
  }

  const STATUS_RANK = { accepted: 3, pending: 2, rejected: 1 };

  function strongestStatus(list) {
    let best = null;
    list.forEach(function (item) {
      if (item.kind === "edit" && (best === null || STATUS_RANK[item.status] > STATUS_RANK[best])) best = item.status;
    });
    return best;
  }

  /* Spell out invisible characters where they are the point of a change (a short
     edit, or one made of spacing), not inside a whole paragraph being removed. */
  function showInvisibles(covering, status) {
    return covering.some(function (item) {
      return item.status === status && item.edits.some(function (edit) {
        return edit.before.length <= 12 || edit.before.trim() === "" || !/[\p{L}\p{N}]/u.test(edit.before);
      });
    });
  }

  function remember(element, list) {
    element.itemIds = list.map(function (item) { return item.id; });
    list.forEach(function (item) {
      if (!elements.has(item.id)) elements.set(item.id, []);
      elements.get(item.id).push(element);
    });
    element.title = list.map(function (item) { return item.rule + ": " + item.message; }).join("\n");
  }

  function pushAt(map, key, value) {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  }

  /* A stretch of text that proposals or notes cover, drawn for their current status;
     it keeps what it was drawn from, to be drawn again when a decision changes. */
  function paintPiece(piece, covering) {
    const status = strongestStatus(covering);
    const element = document.createElement(status === "accepted" ? "del" : "span");
    element.className = (status ? "chg " + status : "") + (covering.some(function (item) { return item.kind === "note"; }) ? " noted" : "");
    if (status) visibleText(piece, element, !showInvisibles(covering, status)); else element.textContent = piece;
    element.piece = piece;
    element.covering = covering;
    return element;
  }

  function drawDocument() {
    const doc = docs[current];
    const box = $("doc-text");
    elements = new Map();
    box.textContent = "";
    if (!doc) {
      box.appendChild(Object.assign(document.createElement("span"), { className: "empty", textContent: "No documents." }));
      return;
    }
    const text = doc.text;
    const spans = [];               // [s, e) painted ranges
    const insertions = new Map();   // point -> [item, after]
    const notePoints = new Map();   // point -> [item]
    const points = new Set([0, text.length]);
    doc.items.forEach(function (item) {
      if (!matches(item)) return;
      if (item.kind === "edit") {
        item.edits.forEach(function (edit) {
          if (edit.e > edit.s) spans.push({ s: edit.s, e: edit.e, item: item });
          if (edit.after !== "") pushAt(insertions, edit.e, { item: item, after: edit.after });
          points.add(edit.s); points.add(edit.e);
        });
      } else if (item.e > item.s) {
        spans.push({ s: item.s, e: item.e, item: item });
        points.add(item.s); points.add(item.e);
      } else {
        pushAt(notePoints, item.s, item);
        points.add(item.s);
      }
    });
    spans.sort(function (a, b) { return a.s - b.s; });
    const sorted = Array.from(points).sort(function (a, b) { return a - b; });
    const fragment = document.createDocumentFragment();
    /* The text goes in blocks that end at the line feeds of unchanged text: a decision
       changes one block's layout, where in one block for the whole text every change
       would lay out all of it again (most of a second with thousands of proposals). A
       block's final line feed draws no empty line, so the text reads and copies as it is. */
    let block = document.createElement("div");
    function plainText(piece) {
      let from = 0;
      for (let at = piece.indexOf("\n"); at !== -1; at = piece.indexOf("\n", from)) {
        block.appendChild(document.createTextNode(piece.slice(from, at + 1)));
        fragment.appendChild(block);
        block = document.createElement("div");
        from = at + 1;
      }
      if (from < piece.length) block.appendChild(document.createTextNode(piece.slice(from)));
    }
    const active = new Set();
    let next = 0;
    sorted.forEach(function (point, index) {
      active.forEach(function (span) { if (span.e <= point) active.delete(span); });
      (insertions.get(point) || []).forEach(function (insertion) {
        const element = document.createElement("ins");
        element.className = "add " + insertion.item.status;
        element.insertion = insertion;
        const arrow = label("\u2192");
        arrow.className = "arrow";
        element.appendChild(arrow);
        visibleText(insertion.after, element);
        remember(element, [insertion.item]);
        block.appendChild(element);
      });
      (notePoints.get(point) || []).forEach(function (item) {
        const element = document.createElement("span");
        element.className = "point-note";
        remember(element, [item]);
        block.appendChild(element);
      });
      while (next < spans.length && spans[next].s === point) active.add(spans[next++]);
      if (index + 1 >= sorted.length) return;
      const piece = text.slice(point, sorted[index + 1]);
      if (active.size === 0) {
        plainText(piece);
        return;
      }
      const element = paintPiece(piece, Array.from(active, function (span) { return span.item; }));
      remember(element, element.covering);
      block.appendChild(element);
    });
    if (text === "") block.appendChild(Object.assign(document.createElement("span"), { className: "empty", textContent: "(empty document)" }));
    if (block.firstChild) fragment.appendChild(block);
    box.appendChild(fragment);
    markSelection();
  }

  /* After decisions on the items ``ids``, only what shows them is drawn again: drawing a
     document of thousands of proposals anew at each key press takes seconds. The status
     filter decides what is shown, so with it the document is drawn anew. */
  function redrawDecisions(ids) {
    if (filters.status) { refresh(); return; }
    const touched = new Set();
    const touchedDocs = new Set();
    ids.forEach(function (id) {
      touchedDocs.add(items[id].doc);
      (elements.get(id) || []).forEach(function (element) { touched.add(element); });
    });
    touched.forEach(function (element) {
      if (element.insertion) {
        element.className = "add " + element.insertion.item.status;
      } else if (element.covering) {
        const fresh = paintPiece(element.piece, element.covering);
        fresh.itemIds = element.itemIds;
        fresh.title = element.title;
        element.replaceWith(fresh);
        element.itemIds.forEach(function (id) {
          const list = elements.get(id);
          list[list.indexOf(element)] = fresh;
        });
      }
    });
    drawSummary();
    touchedDocs.forEach(drawDocumentCounts);
    drawRuleList();
    drawDocumentHeader();
    markSelection();
    drawInspector();
  }

  function markSelection() {
    document.querySelectorAll(".selected").forEach(function (element) { element.classList.remove("selected"); });
    if (selected === null) return;
    (elements.get(selected) || []).forEach(function (element) { element.classList.add("selected"); });
  }

  /* ---------- side panels ---------- */

  function countsOf(list) {
    const counts = { edits: 0, accepted: 0, rejected: 0, pending: 0, notes: 0 };
    list.forEach(function (item) {
      if (item.kind === "note") { counts.notes++; return; }
      counts.edits++;
      counts[item.status]++;
    });
    return counts;
  }

  function pill(className, value, title) {
    const span = document.createElement("span");
    span.className = "count " + className;
    span.textContent = value;
    span.title = title;
    return span;
  }

  function fillPills(pills, shown) {
    const counts = countsOf(shown);
    pills.textContent = "";
    if (counts.pending) pills.appendChild(pill("pending", counts.pending, counts.pending + " pending"));
    if (counts.accepted) pills.appendChild(pill("accepted", counts.accepted, counts.accepted + " accepted"));
    if (counts.notes) pills.appendChild(pill("note", counts.notes, counts.notes + " notes without a fix"));
    if (!shown.length) pills.appendChild(pill("", "0", "nothing to review (with these filters)"));
  }

  function drawDocumentCounts(index) {
    if (docPills[index]) fillPills(docPills[index], docs[index].items.filter(matches));
  }

  function drawDocumentList() {
    const list = $("doc-list");
    list.textContent = "";
    docPills = [];
    docs.forEach(function (doc, index) {
      const shown = doc.items.filter(matches);
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = (index === current ? "current " : "") + (shown.length ? "" : "clean");
      button.dataset.index = String(index);
      const name = document.createElement("span");
      name.className = "doc-name";
      name.title = doc.path;
      const cut = doc.path.search(/[^\/\\#]*$/);
      const folder = document.createElement("span");
      folder.className = "folder";
      folder.textContent = doc.path.slice(0, cut);
      const base = document.createElement("span");
      base.className = "base";
      base.textContent = doc.path.slice(cut);
      name.appendChild(folder);
      name.appendChild(base);
      button.appendChild(name);
      const pills = document.createElement("span");
      pills.className = "counts";
      fillPills(pills, shown);
      docPills[index] = pills;
      button.appendChild(pills);
      button.addEventListener("click", function () { openDocument(index); });
      li.appendChild(button);
      list.appendChild(li);
    });
    $("doc-count").textContent = "(" + docs.length + ")";
  }

  function drawRuleList() {
    const list = $("rule-list");
    list.textContent = "";
    countBy("rule").forEach(function (pair) {
      const rule = pair[0];
      const ofRule = items.filter(function (item) { return item.rule === rule; });
      const counts = countsOf(ofRule);
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.className = "rule-name" + (filters.rule === rule ? " active" : "");
      name.textContent = rule;
      name.title = "Show only " + rule + " (click again to show all)";
      name.addEventListener("click", function () { setFilter("rule", filters.rule === rule ? "" : rule); });
      li.appendChild(name);
      if (counts.edits) {
        li.appendChild(pill("accepted", counts.accepted + "/" + counts.edits, counts.accepted + " of " + counts.edits + " edits accepted"));
        const yes = document.createElement("button");
        yes.type = "button";
        yes.textContent = "\u2713";
        yes.title = "Accept every edit of " + rule;
        yes.addEventListener("click", function () { acceptAll(ofRule); });
        const no = document.createElement("button");
        no.type = "button";
        no.textContent = "\u2717";
        no.title = "Reject every edit of " + rule;
        no.addEventListener("click", function () { rejectAll(ofRule); });
        li.appendChild(yes);
        li.appendChild(no);
      } else {
        li.appendChild(pill("note", counts.notes, counts.notes + " notes"));
      }
      list.appendChild(li);
    });
  }

  function drawSummary() {
    const counts = countsOf(items);
    const summary = $("summary");
    summary.textContent = "";
    function part(value, text) {
      const bold = document.createElement("b");
      bold.textContent = String(value);
      summary.appendChild(bold);
      summary.appendChild(document.createTextNode(" " + text));
    }
    part(docs.length, docs.length === 1 ? "document · " : "documents · ");
    part(counts.edits, "edits: ");
    part(counts.accepted, "accepted, ");
    part(counts.rejected, "rejected, ");
    part(counts.pending, "pending · ");
    part(counts.notes, counts.notes === 1 ? "note" : "notes");
  }

  function drawDocumentHeader() {
    const doc = docs[current];
    $("doc-path").textContent = doc ? doc.path : "";
    if (!doc) return;
    const counts = countsOf(doc.items);
    const shown = doc.items.filter(matches).length;
    $("doc-stats").textContent = counts.edits + " edits (" + counts.accepted + " accepted, " + counts.rejected +
      " rejected, " + counts.pending + " pending), " + counts.notes + (counts.notes === 1 ? " note" : " notes") +
      (shown !== doc.items.length ? " · " + shown + " shown by the filters" : "") +
      " · " + (current + 1) + " of " + docs.length;
  }

  function lineOf(doc, offset) {
    if (!doc.lineStarts) {
      doc.lineStarts = [0];
      for (let i = doc.text.indexOf("\n"); i !== -1; i = doc.text.indexOf("\n", i + 1)) doc.lineStarts.push(i + 1);
    }
    let low = 0, high = doc.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (doc.lineStarts[middle] <= offset) low = middle; else high = middle - 1;
    }
    return low + 1;
  }

  function changeBox(edit, index, total, doc) {
    const box = document.createElement("div");
    box.className = "change";
    if (total > 1) {
      const head = document.createElement("div");
      head.className = "muted";
      head.textContent = "change " + (index + 1) + " of " + total + " · line " + lineOf(doc, edit.s);
      box.appendChild(head);
    }
    [["minus", "\u2212", edit.before], ["plus", "+", edit.after]].forEach(function (row) {
      const line = document.createElement("div");
      line.className = row[0];
      const sign = document.createElement("span");
      sign.className = "sign";
      sign.textContent = row[1];
      line.appendChild(sign);
      if (row[2] === "") {
        const nothing = document.createElement("span");
        nothing.className = "nothing";
        nothing.textContent = row[0] === "minus" ? "(nothing: an insertion)" : "(nothing: a deletion)";
        line.appendChild(nothing);
      } else {
        visibleText(row[2], line);
      }
      box.appendChild(line);
    });
    return box;
  }

  function drawInspector() {
    const item = selected === null ? null : items[selected];
    $("inspector-empty").hidden = item !== null;
    $("inspector-body").hidden = item === null;
    if (!item) return;
    const doc = docs[item.doc];
    $("ins-rule").textContent = item.rule;
    const safety = $("ins-safety");
    safety.className = "badge " + (item.kind === "note" ? "note" : item.safe ? "safe" : "unsafe");
    safety.textContent = item.kind === "note" ? "note · no fix" : item.safe ? "safe fix" : "unsafe fix";
    const severity = $("ins-severity");
    severity.className = "badge " + item.severity;
    severity.textContent = item.severity;
    const status = $("ins-status");
    status.hidden = item.kind !== "edit";
    status.className = "badge " + (item.status || "");
    status.textContent = item.status || "";
    $("ins-message").textContent = item.message;
    $("ins-where").textContent = "line " + item.line + ", column " + item.column + " · " + item.category;
    const changes = $("ins-changes");
    changes.textContent = "";
    item.edits.forEach(function (edit, index) { changes.appendChild(changeBox(edit, index, item.edits.length, doc)); });
    if (item.broken) {
      const warning = document.createElement("p");
      warning.className = "muted small";
      warning.textContent = "The changes of this fix overlap each other, so it cannot be applied.";
      changes.appendChild(warning);
    }
    const conflicts = $("ins-conflict-list");
    conflicts.textContent = "";
    $("ins-conflicts").hidden = !item.conflicts.length;
    const CONFLICTS_SHOWN = 6;
    item.conflicts.slice(0, CONFLICTS_SHOWN).forEach(function (id) {
      const other = items[id];
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.textContent = other.rule + " (line " + other.line + ", " + other.status + ")";
      link.addEventListener("click", function () { select(id, true); });
      li.appendChild(link);
      conflicts.appendChild(li);
    });
    if (item.conflicts.length > CONFLICTS_SHOWN) {
      const more = document.createElement("li");
      more.className = "muted";
      more.textContent = "and " + (item.conflicts.length - CONFLICTS_SHOWN) + " more";
      conflicts.appendChild(more);
    }
    const isEdit = item.kind === "edit";
    $("ins-edit-actions").hidden = !isEdit;
    $("ins-rule-actions").hidden = !isEdit;
    $("btn-accept").disabled = !isEdit || item.broken || item.status === "accepted";
    $("btn-reject").disabled = !isEdit || item.status === "rejected";
    $("btn-reset").disabled = !isEdit || item.status === "pending";
    const ofRule = items.filter(function (other) { return other.rule === item.rule && other.kind === "edit"; });
    $("rule-count").textContent = String(ofRule.length);
  }

  function refresh() {
    drawSummary();
    drawDocumentList();
    drawRuleList();
    drawDocumentHeader();
    drawDocument();
    drawInspector();
  }

  /* ---------- moving around ---------- */

  function openDocument(index) {
    if (index < 0 || index >= docs.length) return;
    current = index;
    selected = null;
    refresh();
    $("document").scrollTop = 0;
  }

  function select(id, scroll) {
    const item = items[id];
    selected = id;
    if (item.doc !== current) {
      current = item.doc;
      refresh();
    } else {
      markSelection();
      drawInspector();
    }
    const first = (elements.get(id) || [])[0];
    if (scroll && first) first.scrollIntoView({ block: "center", inline: "nearest" });
  }

  /* Items are numbered in reading order across documents, so the next one is the next id. */
  function step(direction, wanted) {
    let id = selected;
    if (id === null) {
      const doc = docs[current];
      const firstId = doc && doc.items.length ? doc.items[0].id : 0;
      id = direction > 0 ? firstId - 1 : (doc && doc.items.length ? doc.items[doc.items.length - 1].id + 1 : items.length);
    }
    for (let candidate = id + direction; candidate >= 0 && candidate < items.length; candidate += direction) {
      if (matches(items[candidate]) && (!wanted || wanted(items[candidate]))) {
        select(candidate, true);
        return true;
      }
    }
    return false;
  }

  function nextPending() {
    function pending(item) { return item.kind === "edit" && item.status === "pending"; }
    if (step(1, pending)) return;
    const first = items.find(function (item) { return matches(item) && pending(item); });
    if (first) select(first.id, true);
    else toast("No pending edits" + (filtersActive() ? " among those shown." : "."));
  }

  function filtersActive() {
    return Object.keys(filters).some(function (key) { return filters[key] !== ""; });
  }

  /* ---------- decisions ---------- */

  /* Every conflicting proposal is rejected, not only those the inspector lists: two
     accepted edits that overlap would make the export one that apply refuses. */
  function accept(item) {
    if (item.kind !== "edit" || item.broken) return 0;
    let rejected = 0;
    item.conflicts.forEach(function (id) {
      if (items[id].status !== "rejected") { items[id].status = "rejected"; rejected++; }
    });
    item.status = "accepted";
    return rejected;
  }

  function decide(status, advance) {
    if (selected === null) { toast("Select an edit first (j)."); return; }
    const item = items[selected];
    if (item.kind !== "edit") { if (advance) step(1); return; }
    if (status === "accepted") {
      if (item.broken) { toast("This fix cannot be applied: its changes overlap."); return; }
      const rejected = accept(item);
      if (rejected) toast("Accepted; rejected " + rejected + " conflicting edit" + (rejected > 1 ? "s" : "") + ".");
    } else {
      item.status = status;
    }
    redrawDecisions([item.id].concat(item.conflicts));
    if (advance) step(1);
  }

  function acceptAll(list) {
    let accepted = 0, skipped = 0;
    const changed = [];
    list.forEach(function (item) {
      if (item.kind !== "edit" || item.status === "accepted") return;
      const blocked = item.broken || item.conflicts.some(function (id) { return items[id].status === "accepted"; });
      if (blocked) { skipped++; return; }
      accept(item);
      accepted++;
      changed.push(item.id);
      item.conflicts.forEach(function (id) { changed.push(id); });
    });
    redrawDecisions(changed);
    toast("Accepted " + accepted + " edit" + (accepted === 1 ? "" : "s") +
      (skipped ? "; " + skipped + " left as they were (they conflict with accepted edits)" : "") + ".");
  }

  function rejectAll(list) {
    let rejected = 0;
    const changed = [];
    list.forEach(function (item) {
      if (item.kind === "edit" && item.status !== "rejected") { item.status = "rejected"; rejected++; changed.push(item.id); }
    });
    redrawDecisions(changed);
    toast("Rejected " + rejected + " edit" + (rejected === 1 ? "" : "s") + ".");
  }

  function ofSelectedRule() {
    if (selected === null) return null;
    const rule = items[selected].rule;
    return items.filter(function (item) { return item.rule === rule; });
  }

  /* ---------- export ---------- */

  function exportData() {
    const result = { version: 1, documents: [] };
    docs.forEach(function (doc) {
      const edits = [];
      doc.items.forEach(function (item) {
        if (item.kind !== "edit" || item.status !== "accepted") return;
        item.edits.forEach(function (edit) {
          edits.push({ rule: item.rule, start: edit.start, end: edit.end, before: edit.before, after: edit.after, safe: item.safe });
        });
      });
      if (!edits.length) return;
      edits.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
      const entry = { path: doc.path, sha256: doc.sha256, edits: edits };
      // as fix --report writes them: a record's line (ids repeat), its file's place under --out
      Object.assign(entry, doc.exported || {});
      result.documents.push(entry);
    });
    return result;
  }

  function decisions() {
    return items.map(function (item) { return item.status; }).join(",");
  }

  function download() {
    const data = exportData();
    const blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = "edits.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
    lastExport = decisions();
    const count = data.documents.reduce(function (sum, doc) { return sum + doc.edits.length; }, 0);
    toast("Exported " + count + " edit" + (count === 1 ? "" : "s") + " in " + data.documents.length +
      " document" + (data.documents.length === 1 ? "" : "s") + " to edits.json. Apply with: cleanup apply edits.json");
  }

  function toast(message) {
    const element = $("toast");
    element.textContent = message;
    element.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { element.hidden = true; }, 4000);
  }

  function toggleHelp(show) {
    $("help").hidden = !show;
    if (show) $("help-close").focus();
  }

  /* ---------- wiring ---------- */

  fillSelect($("filter-category"), countBy("category"));
  fillSelect($("filter-rule"), countBy("rule"));
  bindFilter($("filter-category"), "category");
  bindFilter($("filter-rule"), "rule");
  bindFilter($("filter-safety"), "safety");
  bindFilter($("filter-status"), "status");

  $("doc-text").addEventListener("click", function (event) {
    let target = event.target;
    while (target && target !== this && !target.itemIds) target = target.parentNode;
    if (!target || !target.itemIds) return;
    const ids = target.itemIds;
    const at = ids.indexOf(selected);
    select(ids[(at + 1) % ids.length], false);
  });
  $("btn-accept").addEventListener("click", function () { decide("accepted", false); });
  $("btn-reject").addEventListener("click", function () { decide("rejected", false); });
  $("btn-reset").addEventListener("click", function () { decide("pending", false); });
  $("btn-accept-rule").addEventListener("click", function () { const list = ofSelectedRule(); if (list) acceptAll(list); });
  $("btn-reject-rule").addEventListener("click", function () { const list = ofSelectedRule(); if (list) rejectAll(list); });
  $("accept-shown").addEventListener("click", function () { acceptAll((docs[current] || { items: [] }).items.filter(matches)); });
  $("reject-shown").addEventListener("click", function () { rejectAll((docs[current] || { items: [] }).items.filter(matches)); });
  $("export").addEventListener("click", download);
  $("help-button").addEventListener("click", function () { toggleHelp(true); });
  $("help-close").addEventListener("click", function () { toggleHelp(false); });
  $("help").addEventListener("click", function (event) { if (event.target === this) toggleHelp(false); });

  const KEYS = {
    "j": function () { if (!step(1)) toast("No more findings" + (filtersActive() ? " among those shown." : ".")); },
    "k": function () { if (!step(-1)) toast("This is the first finding" + (filtersActive() ? " among those shown." : ".")); },
    "J": function () { openDocument(current + 1); },
    "K": function () { openDocument(current - 1); },
    "a": function () { decide("accepted", true); },
    "r": function () { decide("rejected", true); },
    "u": function () { decide("pending", false); },
    "A": function () { const list = ofSelectedRule(); if (list) acceptAll(list); else toast("Select an edit first (j)."); },
    "R": function () { const list = ofSelectedRule(); if (list) rejectAll(list); else toast("Select an edit first (j)."); },
    "n": nextPending,
    "e": download,
    "?": function () { toggleHelp($("help").hidden); }
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") { toggleHelp(false); return; }
    const tag = event.target && event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") return;
    if (!$("help").hidden && event.key !== "?") return;
    const action = KEYS[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  window.addEventListener("beforeunload", function (event) {
    const now = decisions();
    if (now !== (lastExport === null ? initialDecisions : lastExport)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  const initialDecisions = decisions();
  window.cleanupReview = {
    exportData: exportData, items: items, documents: docs, filters: filters,
    selected: function () { return selected; }
  };
  refresh();
})();
