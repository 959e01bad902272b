"""The curator's review page: one self-contained HTML file (CLI.md, ``factsheet review``).

Pure: a :class:`~factsheet.engine.result.CheckResult` in, a string out. Each source's
text is shown with every fact's quote and evidence highlighted where it
matches (the passages of :mod:`factsheet.outputs.coverage_report`, one implementation),
coloured by the fact's status; beside it, the facts with their findings.
Clicking a fact scrolls to its passage and flashes it; hovering a passage names
its facts. Uncovered quotations, numbers and paragraphs (FS901-FS903) are
marked.

Safety: every string from a fact file or a source goes through
:func:`html.escape`; the only link is a source's ``url``, and only when it is
http(s) (:func:`factsheet.outputs.markdown_escape.safe_url`). Data for the script is JSON in a
non-executable ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped. A Content-Security-Policy allows nothing but the page's own inline
style and script (by hash), so the page cannot load anything even if a string
slipped through. No timestamps: the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factsheet.engine.result import CheckResult
from factsheet.model import Diagnostic, Fact, FactFile
from factsheet.outputs.coverage_report import (
    CATEGORIES,
    Item,
    Passage,
    SourceCoverage,
    fact_passages,
    format_percent,
)
from factsheet.outputs.markdown_escape import safe_url
from factsheet.outputs.report.summary import summary_text
from factsheet.outputs.terminal import UNSAFE_CHARACTERS, safe
from factsheet.source.reader import Source

STATUSES = ("verified", "warnings", "errors")
_RANK = {s: i for i, s in enumerate(STATUSES)}

CSS = """
:root{--ok:#1b7a36;--ok-bg:#d8f3df;--warn:#9a5b00;--warn-bg:#ffefc2;--err:#b3261e;
--err-bg:#ffd9d6;--unc:#6b3fa0;--ink:#1d1d1f;--mute:#5f6368;--line:#d0d4da;--paper:#fff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);background:var(--paper)}
header.page{padding:1rem 1.25rem;border-bottom:1px solid var(--line)}
h1{font-size:1.4rem;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:0 0 .25rem;overflow-wrap:anywhere}
h3{font-size:1rem;margin:1rem 0 .5rem}
.meta,.counts{color:var(--mute);margin:.15rem 0;overflow-wrap:anywhere}
.legend{display:flex;flex-wrap:wrap;gap:.4rem .9rem;margin:.5rem 0 0;padding:0;list-style:none;
font-size:.9rem}
section.source{padding:1rem 1.25rem;border-bottom:1px solid var(--line)}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;
align-items:start}
.text p{margin:0 0 .9rem;padding-left:3.2rem;position:relative;white-space:pre-wrap;
overflow-wrap:anywhere}
.text p::before{content:attr(data-line);position:absolute;left:0;width:2.6rem;
text-align:right;color:var(--mute);font:.8rem/1.9 ui-monospace,monospace}
.text p.unc-p{box-shadow:inset 3px 0 0 var(--unc)}
.text .title{font-weight:600}
mark{color:inherit;border-radius:2px;padding:0 1px;cursor:pointer;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.st-verified{background:var(--ok-bg);border-bottom:2px solid var(--ok)}
mark.st-warnings{background:var(--warn-bg);border-bottom:2px dashed var(--warn)}
mark.st-errors{background:var(--err-bg);border-bottom:2px dotted var(--err)}
mark.multi{border-bottom-style:double;border-bottom-width:3px}
mark.hot,mark:focus{outline:2px solid var(--ink);outline-offset:1px}
.unc{outline:1.5px dashed var(--unc);outline-offset:1px;border-radius:2px}
.unc.un{outline-style:dotted;font-weight:600}
@keyframes flash{0%,60%{background:#ffe04d;box-shadow:0 0 0 4px #ffe04d}
100%{box-shadow:0 0 0 0 transparent}}
mark.flash{animation:flash 1.6s ease-out 1}
aside.facts{position:sticky;top:0;max-height:100vh;overflow:auto;padding:.25rem .25rem 1rem}
ol.facts{list-style:none;margin:0;padding:0}
li.fact{border:1px solid var(--line);border-left:5px solid var(--mute);border-radius:6px;
padding:.5rem .7rem;margin:0 0 .6rem;break-inside:avoid}
li.fact.st-verified{border-left-color:var(--ok)}
li.fact.st-warnings{border-left-color:var(--warn)}
li.fact.st-errors{border-left-color:var(--err)}
li.fact.hot{background:#f3f6fb;box-shadow:0 0 0 2px var(--ink)}
.fact .head{display:flex;flex-wrap:wrap;gap:.3rem .5rem;align-items:baseline}
a.jump{font:600 .95rem ui-monospace,monospace;overflow-wrap:anywhere;color:#0b57d0}
span.jump{font:600 .95rem ui-monospace,monospace;overflow-wrap:anywhere}
.badge{font-size:.75rem;border-radius:999px;padding:0 .5rem;border:1px solid var(--line);
color:var(--mute)}
.badge.st-verified{color:var(--ok);border-color:var(--ok)}
.badge.st-warnings{color:var(--warn);border-color:var(--warn)}
.badge.st-errors{color:var(--err);border-color:var(--err)}
.fact .body{margin:.3rem 0 0;overflow-wrap:anywhere}
.fact .who{color:var(--mute);font-size:.9rem;margin:.15rem 0 0}
.fact .missing{color:var(--err);font-size:.9rem;margin:.15rem 0 0}
ul.findings{margin:.35rem 0 0;padding-left:1.1rem;font-size:.9rem}
ul.findings li{overflow-wrap:anywhere}
ul.findings .sev-error code{color:var(--err)}
ul.findings .sev-warning code{color:var(--warn)}
.loc{color:var(--mute);font-size:.85rem}
ul.uncovered{font-size:.9rem;padding-left:1.1rem}
code{font-family:ui-monospace,monospace}
#tip{position:fixed;z-index:10;max-width:22rem;background:#202124;color:#fff;
padding:.35rem .55rem;border-radius:6px;font-size:.85rem;pointer-events:none}
#tip[hidden]{display:none}
@media (max-width:800px){.cols{display:block}aside.facts{position:static;max-height:none;
overflow:visible;margin-top:1rem}.text p{padding-left:2.4rem}.text p::before{width:2rem}
header.page,section.source{padding:.75rem}}
@media (prefers-reduced-motion:reduce){mark.flash{animation:none;outline:3px solid #ffb300}}
@media print{body{font-size:11pt}.cols{display:block}aside.facts{position:static;
max-height:none;overflow:visible}#tip{display:none}a.jump{color:inherit;text-decoration:none}
section.source{break-before:page;border:0}section.source:first-of-type{break-before:auto}
mark,.unc{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

JS = """
(function(){
"use strict";
var data=JSON.parse(document.getElementById("factsheet-data").textContent);
var tip=document.getElementById("tip");
function marks(k){return document.querySelectorAll('mark[data-f~="'+k+'"]');}
function keys(el){return (el.getAttribute("data-f")||"").split(" ").filter(Boolean);}
function setHot(list,on){list.forEach(function(k){
  var card=document.getElementById("fact-"+k);if(card){card.classList.toggle("hot",on);}
  marks(k).forEach(function(m){m.classList.toggle("hot",on);});});}
function flash(k){
  var found=marks(k);if(!found.length){return false;}
  var reduce=window.matchMedia&&window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  found[0].scrollIntoView({behavior:reduce?"auto":"smooth",block:"center"});
  found.forEach(function(m){m.classList.remove("flash");void m.offsetWidth;
    m.classList.add("flash");});
  window.setTimeout(function(){found.forEach(function(m){m.classList.remove("flash");});},1700);
  return true;}
document.addEventListener("click",function(ev){
  var a=ev.target.closest&&ev.target.closest("a.jump[data-k]");
  if(a&&flash(a.getAttribute("data-k"))){ev.preventDefault();return;}
  var m=markOf(ev.target);if(!m){return;}
  var card=document.getElementById("fact-"+keys(m)[0]);
  if(card){card.scrollIntoView({block:"nearest"});}});
var current=null;
function show(m){
  var ks=keys(m);if(!ks.length){return;}
  if(current){hide();}
  current=m;setHot(ks,true);
  tip.textContent="";
  ks.forEach(function(k,i){var f=data.facts[k];if(!f){return;}
    if(i){tip.appendChild(document.createElement("br"));}
    tip.appendChild(document.createTextNode(f.id+" \\u2014 "+f.kind+", "+f.status));});
  tip.hidden=false;
  var r=m.getBoundingClientRect();var w=tip.offsetWidth,h=tip.offsetHeight;
  var x=Math.max(4,Math.min(r.left,window.innerWidth-w-4));
  var y=r.top-h-6;if(y<4){y=r.bottom+6;}
  tip.style.left=x+"px";tip.style.top=y+"px";}
function hide(){if(current){setHot(keys(current),false);}current=null;tip.hidden=true;}
function markOf(t){return t&&t.closest?t.closest("mark[data-f]"):null;}
document.addEventListener("mouseover",function(ev){var m=markOf(ev.target);
  if(m&&m!==current){show(m);}else if(!m&&current){hide();}});
document.addEventListener("focusin",function(ev){var m=markOf(ev.target);
  if(m){show(m);}else{hide();}});
document.addEventListener("keydown",function(ev){if(ev.key==="Escape"){hide();}});
window.addEventListener("scroll",hide,{passive:true});
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {_hash(CSS)}; script-src {_hash(JS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


# Text that esc() leaves as it is.
_PLAIN = re.compile(f"[^&<>\"'{UNSAFE_CHARACTERS}]*")

# Every page opens alike: one document head (the CSP forbids anything from outside).
PAGE_HEAD = (
    "<!DOCTYPE html>\n"
    '<html lang="en"><head><meta charset="utf-8">'
    f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    '<meta name="referrer" content="no-referrer">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>factsheet review</title>"
    f"<style>{CSS}</style></head><body>"
    '<header class="page"><h1>factsheet review</h1>'
)
# ... and closes alike: the script that links facts and passages.
PAGE_TAIL = f"<script>{JS}</script></body></html>\n"


def esc(text: str) -> str:
    """Text for HTML content or a quoted attribute value; controls shown as escapes."""
    if _PLAIN.fullmatch(text):  # most of a page's texts: one look instead of six
        return text
    return html.escape(safe(text), quote=True)


def json_for_html(value: object) -> str:
    """JSON that cannot end its <script> element or start markup inside it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@dataclass(frozen=True)
class _Card:
    key: str  # f0, f1, ... (the page's own names: no fact text in ids or selectors)
    file: str
    fact: Fact
    status: str
    passages: tuple[Passage, ...]
    findings: tuple[Diagnostic, ...]


def _worst(statuses: Sequence[str]) -> str:
    return max(statuses, key=lambda s: _RANK.get(s, 2))


def _fact_text(fact: Fact) -> str:
    if fact.kind == "quote" and fact.quote is not None:
        return f"\u201c{fact.quote.value}\u201d"
    if fact.statement is not None:
        return fact.statement.value
    return fact.quote.value if fact.quote is not None else ""


def _finding(d: Diagnostic) -> str:
    where = f"{d.file}:{d.line}:{d.column}"
    if d.source is not None:
        where += f" \u00b7 source line {d.source.line}"
    fix = f' <span class="loc">fix: {esc(d.suggestion)}</span>' if d.suggestion else ""
    return (
        f'<li class="sev-{esc(d.severity.value)}"><code>{esc(d.code)}</code> '
        f'{esc(d.message)} <span class="loc">{esc(where)}</span>{fix}</li>'
    )


def _card_html(card: _Card, first_mark: dict[str, str]) -> str:
    fact = card.fact
    anchor = first_mark.get(card.key)
    if anchor is not None:
        jump = (
            f'<a class="jump" href="#{anchor}" data-k="{card.key}" '
            f'title="Show the passage in the source">{esc(fact.id)}</a>'
        )
    else:
        jump = f'<span class="jump">{esc(fact.id)}</span>'
    parts = [
        f'<li class="fact st-{card.status}" id="fact-{card.key}">',
        f'<div class="head">{jump}<span class="badge">{esc(fact.kind)}</span>'
        f'<span class="badge st-{card.status}">{card.status}</span></div>',
        f'<p class="body">{esc(_fact_text(fact))}</p>',
    ]
    if fact.speakers:
        names = "; ".join(s.value for s in fact.speakers)
        parts.append(f'<p class="who">\u2014 {esc(names)}</p>')
    if not card.passages:
        parts.append(
            '<p class="missing">No passage of the source matches its quote or evidence.</p>'
        )
    if card.findings:
        parts.append('<ul class="findings">')
        parts.extend(_finding(d) for d in card.findings)
        parts.append("</ul>")
    parts.append("</li>")
    return "".join(parts)


def _segments(
    source: Source,
    start: int,
    end: int,
    passages: Sequence[tuple[str, str, int, int]],
    uncovered: Sequence[Item],
    ids: _Ids,
    first_mark: dict[str, str],
) -> str:
    """The text of source[start:end], cut where any passage or mark begins or ends."""
    inside = [p for p in passages if p[2] < end and start < p[3]]
    marked = [u for u in uncovered if u.kind != "paragraph" and u.start < end and start < u.end]
    if not inside and not marked:
        return esc(source.text[start:end])
    cuts = {start, end}
    for p in inside:
        cuts.update(c for c in (p[2], p[3]) if start < c < end)
    for u in marked:
        cuts.update(c for c in (u.start, u.end) if start < c < end)
    bounds = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        text = esc(source.text[a:b])
        keys = list(dict.fromkeys(p[0] for p in inside if p[2] < b and a < p[3]))
        flags = sorted(
            {("uq" if u.kind == "quotation" else "un") for u in marked if u.start < b and a < u.end}
        )
        if not keys and not flags:
            out.append(text)
            continue
        if not keys:
            what = " and ".join(
                "uncovered quotation (FS901)" if f == "uq" else "uncovered number (FS902)"
                for f in flags
            )
            out.append(f'<span class="unc {" ".join(flags)}" title="{what}">{text}</span>')
            continue
        status = _worst([p[1] for p in inside if p[0] in keys])
        classes = [f"st-{status}", *(["multi"] if len(keys) > 1 else [])]
        if flags:
            classes += ["unc", *flags]
        mark_id = ids.next()
        for k in keys:
            first_mark.setdefault(k, mark_id)
        out.append(
            f'<mark id="{mark_id}" class="{" ".join(classes)}" data-f="{" ".join(keys)}" '
            f'tabindex="0">{text}</mark>'
        )
    return "".join(out)


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return f"m{self.n}"


def _source_section(
    index: int,
    coverage: SourceCoverage,
    cards: Sequence[_Card],
    file_findings: dict[str, list[Diagnostic]],
    ids: _Ids,
) -> str:
    source = coverage.source
    flat = [(c.key, c.status, p.start, p.end) for c in cards for p in c.passages]
    uncovered = coverage.uncovered
    bare = {(u.start, u.end) for u in uncovered if u.kind == "paragraph"}
    first_mark: dict[str, str] = {}
    paragraphs: list[str] = []
    for para in source.paragraphs:
        line = source.locate(para.start).line
        body = _segments(source, para.start, para.end, flat, uncovered, ids, first_mark)
        cls = (
            ' class="unc-p" title="uncovered paragraph (FS903)"'
            if ((para.start, para.end) in bare)
            else ""
        )
        paragraphs.append(f'<p data-line="{line}"{cls}>{body}</p>')
    url = safe_url(source.meta.get("url"))
    meta = [f"<code>{esc(source.path)}</code>"]
    if source.date:
        meta.append(f"dated {esc(source.date)}")
    if url:
        meta.append(f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{esc(url)}</a>')
    meta.append("facts from " + ", ".join(f"<code>{esc(f)}</code>" for f in coverage.fact_files))
    shares = [(k, coverage.share(k)) for k in CATEGORIES]
    counts = " \u00b7 ".join(
        f"{k} {s.covered}/{s.total} ({format_percent(s.percent)})" for k, s in shares
    )
    facts_html: list[str] = []
    for file in coverage.fact_files:
        findings = file_findings.get(file, [])
        if findings:
            facts_html.append(
                f'<p class="meta">Findings for <code>{esc(file)}</code>:</p><ul class="findings">'
                + "".join(_finding(d) for d in findings)
                + "</ul>"
            )
    facts_html.append('<ol class="facts">')
    facts_html.extend(_card_html(c, first_mark) for c in cards)
    facts_html.append("</ol>")
    unc_list = ""
    if uncovered:
        rows = "".join(
            f"<li><code>{u.code}</code> line {u.line}:{u.column}: {esc(u.message)}</li>"
            for u in uncovered
        )
        unc_list = f'<h3>Uncovered ({len(uncovered)})</h3><ul class="uncovered">{rows}</ul>'
    n = len(cards)
    meta_line = " \u00b7 ".join(meta)
    return (
        f'<section class="source" id="source-{index}">'
        f"<h2>{esc(source.title)}</h2>"
        f'<p class="meta">{meta_line}</p>'
        f'<p class="counts">Covered: {counts}</p>'
        '<div class="cols">'
        f'<article class="text" aria-label="Source text">{"".join(paragraphs)}{unc_list}</article>'
        f'<aside class="facts" aria-label="Facts"><h3>Facts ({n})</h3>{"".join(facts_html)}</aside>'
        "</div></section>"
    )


def _index_link(index: str | None) -> str:
    return "" if index is None else f'<p class="meta"><a href="{esc(index)}">All sources</a></p>'


def page_body(page: str) -> str:
    """What tells a page rendered without an index from the others: all but its head and
    its script, which every page shares (two fifths of a page's bytes)."""
    assert page.startswith(PAGE_HEAD)
    assert page.endswith(PAGE_TAIL)
    return page[len(PAGE_HEAD) : len(page) - len(PAGE_TAIL)]


_HEAD_BYTES = PAGE_HEAD.encode()
_TAIL_BYTES = PAGE_TAIL.encode()


def page_bytes(body: bytes, index: str | None) -> bytes:
    """The page, as written (UTF-8), whose :func:`page_body` is ``body`` (UTF-8), linked
    to ``index`` as ``render`` would link it."""
    return b"".join((_HEAD_BYTES, _index_link(index).encode(), body, _TAIL_BYTES))


def render(
    result: CheckResult[FactFile],
    coverages: Sequence[SourceCoverage],
    index: str | None = None,
) -> str:
    """The whole page; ``index``: the address of the index page it belongs to, if any."""
    cards_by_source: dict[str, list[_Card]] = {}
    orphans: list[tuple[FactFile, list[_Card]]] = []
    by_fact: dict[tuple[str, str], list[Diagnostic]] = {}
    file_findings: dict[str, list[Diagnostic]] = {}
    for d in result.diagnostics:
        if d.fact is None:
            file_findings.setdefault(d.file, []).append(d)
        else:
            by_fact.setdefault((d.file, d.fact), []).append(d)
    data: dict[str, dict[str, str]] = {}
    measured: dict[tuple[str, str], list[Passage]] = {}  # by (file, fact): found already
    for coverage in coverages:
        for p in coverage.passages:
            measured.setdefault((p.file, p.fact), []).append(p)
    n = 0
    for fact_file in result.files:
        source = result.file_sources.get(fact_file.path)
        cards: list[_Card] = []
        ids_unique = len({fact.id for fact in fact_file.facts}) == len(fact_file.facts)
        for fact in fact_file.facts:
            key = f"f{n}"
            n += 1
            status = result.status.get((fact_file.path, fact.id), "errors")
            if source is None:
                passages: Sequence[Passage] = ()
            elif ids_unique:
                passages = measured.get((fact_file.path, fact.id), ())
            else:  # two facts with one id: their passages are told apart by finding them
                passages = fact_passages(fact, fact_file.path, source)
            findings = tuple(by_fact.get((fact_file.path, fact.id), ()))
            cards.append(_Card(key, fact_file.path, fact, status, tuple(passages), findings))
            data[key] = {"id": fact.id, "kind": fact.kind, "status": status, "file": fact_file.path}
        if source is None:
            orphans.append((fact_file, cards))
        else:
            cards_by_source.setdefault(source.path, []).extend(cards)
    ids = _Ids()
    sections = [
        _source_section(i, c, cards_by_source.get(c.source.path, []), file_findings, ids)
        for i, c in enumerate(coverages)
    ]
    for fact_file, cards in orphans:
        notes = "".join(_finding(d) for d in file_findings.get(fact_file.path, []))
        sections.append(
            '<section class="source">'
            f"<h2>{esc(fact_file.path)}</h2>"
            '<p class="meta">Its source could not be read, so nothing is highlighted.</p>'
            f'<ul class="findings">{notes}</ul>'
            f'<ol class="facts">{"".join(_card_html(c, {}) for c in cards)}</ol></section>'
        )
    summary = summary_text(result.summary)
    legend = (
        '<ul class="legend" aria-label="Legend">'
        '<li><mark class="st-verified">verified</mark></li>'
        '<li><mark class="st-warnings">warnings</mark></li>'
        '<li><mark class="st-errors">errors</mark></li>'
        '<li><mark class="st-verified multi">several facts</mark></li>'
        '<li><span class="unc uq">uncovered quotation</span></li>'
        '<li><span class="unc un">uncovered number</span></li>'
        "<li>\u2503 uncovered paragraph</li></ul>"
    )
    return (
        PAGE_HEAD + _index_link(index) + f'<p class="counts">{esc(summary)}</p>'
        '<p class="meta">Click a fact to show its passage; point at a highlighted passage '
        f"to see its facts.</p>{legend}</header>"
        f"<main>{''.join(sections)}</main>"
        '<div id="tip" role="tooltip" hidden></div>'
        f'<script type="application/json" id="factsheet-data">'
        f"{json_for_html({'facts': data})}</script>{PAGE_TAIL}"
    )
