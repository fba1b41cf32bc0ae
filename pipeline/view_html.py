"""Text with overlapping marks as well-nested HTML, and the page's inline style and script.

Marks may cross (a miss from gold over a prediction with other bounds), which HTML elements
cannot: a mark still open when an inner one must close is closed and reopened around it, so
one mark may be several pieces that share its ``data-m`` key; the first piece holds the anchor.
"""

from __future__ import annotations

import html

from .view_marks import Mark


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _open(m: Mark, first: bool) -> str:
    classes = " ".join(["m", f"k-{m.kind}", *(f"f-{f}" for f in m.flags)])
    attrs = [f'class="{classes}"', f'data-m="{esc(m.key)}"', f'title="{esc(chr(10).join(m.lines))}"']
    if first:
        attrs.insert(0, f'id="{esc(m.key)}"')
        if m.item:
            attrs.append(f'data-item="{esc(m.item)}"')
    return f"<span {' '.join(attrs)}>"


def render_text(text: str, marks: list[Mark]) -> str:
    """Escaped ``text`` with every mark as one or more ``<span class="m k-KIND">`` pieces."""
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    order = {id(m): n for n, m in enumerate(sorted(usable, key=lambda m: (m.start, -m.end)))}
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, set[int]] = {}
    for m in usable:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, set()).add(id(m))
    bounds = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    stack: list[Mark] = []
    for pos, nxt in zip(bounds, [*bounds[1:], None], strict=True):
        closing = ends.get(pos, set())
        if closing and any(id(m) in closing for m in stack):
            low = min(n for n, m in enumerate(stack) if id(m) in closing)
            reopen = [m for m in stack[low:] if id(m) not in closing]
            out.append("</span>" * (len(stack) - low))
            del stack[low:]
            for m in reopen:
                out.append(_open(m, first=False))
                stack.append(m)
        for m in sorted(starts.get(pos, []), key=lambda m: order[id(m)]):
            out.append(_open(m, first=True))
            stack.append(m)
        if nxt is not None:
            out.append(esc(text[pos:nxt]))
    out.append("</span>" * len(stack))
    return "".join(out)


CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.7 "Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",system-ui,sans-serif;color:#222}
#side{position:fixed;top:0;left:0;bottom:0;width:300px;overflow:auto;border-right:1px solid #ccc;
 background:#fafafa;padding:.6em .8em;font-size:13px;line-height:1.5}
#side h2{font-size:14px;margin:.8em 0 .3em}
#side ul{list-style:none;margin:0;padding-left:1em}
#side>ul{padding-left:0}
#side a{color:#1a237e;text-decoration:none}
#side a:hover{text-decoration:underline}
#side summary{cursor:pointer;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#side .e-miss a{color:#b71c1c}#side .e-false_hit a{color:#e65100}#side .e-wrong a{color:#6a1b9a}
#main{margin-left:300px;padding:0 1.5em 4em}
#bar{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ccc;padding:.4em 0;
 display:flex;flex-wrap:wrap;gap:.3em 1em;align-items:center;font-size:13px}
#bar label{white-space:nowrap;cursor:pointer}
.sw{display:inline-block;width:1.6em;height:1em;vertical-align:middle;margin-right:.2em}
button{font:inherit}
.notice{border-top:3px solid #455a64;margin-top:1.5em;padding-top:.3em}
.notice h2{font-size:17px;margin:.2em 0}
.meta{font-size:13px;color:#444;border-collapse:collapse;margin:.3em 0}
.meta td{padding:0 .8em 0 0;vertical-align:top}
.status{background:#fff3e0;border:1px solid #ffb74d;padding:.2em .6em;font-size:13px}
.listed{font-size:13px;margin:.3em 0;padding-left:1.2em}
.text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:62em}
.m{border-radius:2px}
.k-heading{background:#c8e6c9;font-weight:600}
.k-heading[data-item]::before{content:attr(data-item);font:11px/1 monospace;color:#fff;background:#2e7d32;
 padding:1px 3px;margin-right:2px;border-radius:2px;vertical-align:2px}
.k-commitment{background:#ffe082}
.k-target{background:#e1bee7}
.k-age{background:#b3e5fc}
.k-unit{background:#f8bbd0}
.k-row{background:#eceff1;box-shadow:inset 0 -2px #90a4ae}
.k-miss{outline:2px dashed #d50000;outline-offset:1px;background:#ffcdd2}
.f-false_hit{text-decoration:line-through 2px #d50000;box-shadow:0 0 0 2px #ff6d00}
.f-wrong{text-decoration:underline wavy #6a1b9a}
.m.current{box-shadow:0 0 0 3px #2962ff}
body.hide-heading .k-heading,body.hide-commitment .k-commitment,body.hide-target .k-target,
body.hide-age .k-age,body.hide-unit .k-unit,body.hide-row .k-row,body.hide-miss .k-miss{
 background:none;outline:none;box-shadow:none;font-weight:inherit}
body.hide-heading .k-heading::before{display:none}
body.only-errors .notice.clean{display:none}
#tip{position:fixed;right:12px;bottom:12px;max-width:420px;background:#263238;color:#fff;font-size:13px;
 padding:.4em .7em;border-radius:4px;white-space:pre-wrap;display:none;z-index:3}
"""

# Toggles kinds, steps through errors (buttons or n / p keys), shows every mark under the pointer.
JS = """
(function(){
var body=document.body;
document.querySelectorAll('input[data-kind]').forEach(function(box){
 box.addEventListener('change',function(){body.classList.toggle('hide-'+box.dataset.kind,!box.checked);});});
var only=document.getElementById('only-errors');
if(only){only.addEventListener('change',function(){body.classList.toggle('only-errors',only.checked);});}
var errs=Array.prototype.slice.call(document.querySelectorAll('#errors a[href]'));
var at=-1,count=document.getElementById('errpos');
function go(step){
 if(!errs.length){return;}
 at=(at+step+errs.length)%errs.length;
 var el=document.getElementById(errs[at].getAttribute('href').slice(1));
 document.querySelectorAll('.current').forEach(function(c){c.classList.remove('current');});
 if(el){el.classList.add('current');el.scrollIntoView({block:'center'});}
 if(count){count.textContent=(at+1)+' / '+errs.length;}
}
var prev=document.getElementById('prev'),next=document.getElementById('next');
if(prev){prev.addEventListener('click',function(){go(-1);});}
if(next){next.addEventListener('click',function(){go(1);});}
document.addEventListener('keydown',function(ev){
 if(ev.target.tagName==='INPUT'){return;}
 if(ev.key==='n'){go(1);}else if(ev.key==='p'){go(-1);}});
errs.forEach(function(a,n){a.addEventListener('click',function(){at=n-1;go(1);});});
var tip=document.getElementById('tip');
document.addEventListener('mouseover',function(ev){
 var lines=[],el=ev.target;
 while(el&&el.classList){if(el.classList.contains('m')){lines.push(el.getAttribute('title'));}el=el.parentNode;}
 tip.textContent=lines.join('\\n\\n');tip.style.display=lines.length?'block':'none';});
})();
"""
