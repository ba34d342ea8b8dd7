// The in-page layout engine. Plain browser JavaScript, read from disk and run through the DevTools
// protocol (page.evaluate) after the fonts have loaded; the document itself runs no script.
//
// Approach (layout-engine.md): every frame is filled by real layout in that frame. Blocks move
// one at a time from the hidden source into the frame; the first block that crosses the foot of
// the frame is split at the first line below it (binary search over character rects), and the rest
// goes back to the source for the next frame. Because each frame lays out its own text, frames of
// any width work, and every line that is printed is a line that was measured.
// Returns plain JSON: frames, copy fit (overset / underset), and line-quality measurements.
/* eslint-disable */
(function baobanLayout(input) {
  'use strict';
  var G = input.grid;
  var started = performance.now();
  var range = document.createRange();
  var LETTER = /[\p{L}\p{N}]/u;
  var SPACE = /\s/;

  // ---- text positions -------------------------------------------------------------------------
  function textIndex(el) {
    var nodes = [], starts = [], total = 0;
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n); starts.push(total); total += n.data.length;
    }
    return { nodes: nodes, starts: starts, total: total };
  }
  function locate(idx, i) {
    var lo = 0, hi = idx.nodes.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (idx.starts[mid] <= i) lo = mid; else hi = mid - 1; }
    return [idx.nodes[lo], i - idx.starts[lo]];
  }
  function charAt(idx, i) { var p = locate(idx, i); return p[0].data.charAt(p[1]); }
  /** The rect of character i, or null for characters that take no room (collapsed spaces, low surrogates). */
  function charRect(idx, i) {
    var p = locate(idx, i), node = p[0], off = p[1];
    var code = node.data.charCodeAt(off);
    if (code >= 0xdc00 && code <= 0xdfff) return null;
    var end = off + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
    range.setStart(node, off); range.setEnd(node, Math.min(end, node.data.length));
    var rects = range.getClientRects();
    if (!rects.length) return null;
    var r = rects[0];
    return r.width > 0 || !SPACE.test(node.data.charAt(off)) ? r : null;
  }
  /** First character whose vertical middle lies below y (character rects are taller than lines: pitfall 8). */
  function firstCharBelow(idx, y) {
    var lo = 0, hi = idx.total;
    while (lo < hi) {
      var mid = (lo + hi) >> 1, j = mid, r = null;
      while (j < hi && !(r = charRect(idx, j))) j++;
      if (!r || r.top + r.height / 2 > y) hi = mid; else lo = j + 1;
    }
    while (lo < idx.total) { var c = idx.nodes.length && charAt(idx, lo).charCodeAt(0); if (c >= 0xdc00 && c <= 0xdfff) lo++; else break; }
    return lo;
  }
  function rangeAt(idx, from, el) {
    var p = locate(idx, from), r = document.createRange(), node = p[0];
    if (p[1] === 0) {
      // At the start of an element's text the whole element moves on: a range starting inside it
      // would leave an empty copy behind (an empty span.dash box, an empty <strong>).
      while (node.parentNode !== el && node.parentNode.firstChild === node) node = node.parentNode;
      r.setStartBefore(node);
    } else r.setStart(node, p[1]);
    r.setEnd(el, el.childNodes.length);
    return r;
  }

  // ---- blocks -----------------------------------------------------------------------------------
  var HEADS = { H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1 };
  function isHead(el) { return !!el && HEADS[el.tagName] === 1; }
  function splittable(el) { return !isHead(el) && el.tagName !== 'FIGURE' && el.tagName !== 'IMG' && el.tagName !== 'TABLE'; }
  /** Pad a block to a whole number of grid lines, so everything after it stays on the grid (pitfall 5). */
  function padToGrid(el) {
    var h = el.getBoundingClientRect().height;
    var off = h / G - Math.round(h / G);
    if (Math.abs(off) < 0.002 && el.tagName === 'P') return;
    el.style.paddingBottom = '';
    var cs = getComputedStyle(el);
    h = el.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
    var extra = Math.ceil(h / G - 0.002) * G - h;
    if (extra > 0.01) el.style.paddingBottom = (parseFloat(cs.paddingBottom) + extra) + 'px';
  }
  var pieces = 0;
  // Where each piece of a split block starts in the block's whole text (UTF-16 offset), for the line map.
  var pieceStart = new WeakMap();
  function split(b, index) {
    var idx = textIndex(b);
    var frag = rangeAt(idx, index, b).extractContents();
    var ids = frag.querySelectorAll('[id]');
    for (var i = 0; i < ids.length; i++) ids[i].removeAttribute('id');
    var cont = b.cloneNode(false);
    cont.removeAttribute('id');
    cont.style.paddingBottom = '';
    cont.classList.add('continued');
    cont.appendChild(frag);
    b.classList.add('split');
    if (!b.dataset.piece) b.dataset.piece = String(++pieces);
    cont.dataset.piece = b.dataset.piece;
    pieceStart.set(cont, (pieceStart.get(b) || 0) + index);
    return cont;
  }

  // ---- frames -----------------------------------------------------------------------------------
  var source = document.querySelector('.flow-source');
  var problems = [];
  function fillFrame(frame) {
    var top = frame.getBoundingClientRect().top;
    var bottom = top + Number(frame.dataset.lines) * G;
    while (source.firstElementChild) {
      var b = source.firstElementChild;
      frame.appendChild(b);
      padToGrid(b);
      var r = b.getBoundingClientRect();
      if (r.bottom <= bottom + 0.5) continue;
      var prev = b.previousElementSibling;
      var at = 0, fitLines = 0;
      if (splittable(b)) {
        var idx = textIndex(b);
        at = firstCharBelow(idx, bottom);
        if (at >= idx.total) continue; // only padding crosses the foot
        var lh = parseFloat(getComputedStyle(b).lineHeight) || G;
        var textTop = r.top + parseFloat(getComputedStyle(b).paddingTop);
        fitLines = Math.max(0, Math.round((bottom - textTop) / lh));
      }
      // A 小标题 never sits at the foot of a column: it moves on with the text it heads.
      if (isHead(prev) && (at === 0 || fitLines < input.keepWithHead) && prev.previousElementSibling) {
        source.prepend(b); source.prepend(prev);
        break;
      }
      if (at === 0) {
        if (frame.firstElementChild === b) {
          // Taller than a whole frame and cannot be split: it stays, clipped, and is reported.
          problems.push({ rule: 'block-too-tall', line: Number(b.dataset.line) || null, text: (b.textContent || '').slice(0, 20) });
          break;
        }
        source.prepend(b);
        break;
      }
      source.prepend(split(b, at));
      break;
    }
  }

  var sheets = Array.prototype.slice.call(document.querySelectorAll('.sheet:not(.sheet-template)'));
  var template = document.querySelector('.sheet-template');
  var frames = [];
  function framesOf(sheet, pageNo) {
    return Array.prototype.slice.call(sheet.querySelectorAll('.frame')).map(function (f) { return { el: f, page: pageNo }; });
  }
  sheets.forEach(function (s, i) { frames = frames.concat(framesOf(s, i + 1)); });
  for (var fi = 0; fi < frames.length && source.firstElementChild; fi++) {
    fillFrame(frames[fi].el);
    if (fi === frames.length - 1 && source.firstElementChild && input.autoPages && template && sheets.length < input.maxPages) {
      var sheet = template.cloneNode(true);
      sheet.classList.remove('sheet-template');
      sheet.removeAttribute('hidden');
      sheet.dataset.page = String(sheets.length + 1);
      template.parentNode.insertBefore(sheet, template);
      sheets.push(sheet);
      frames = frames.concat(framesOf(sheet, sheets.length));
    }
  }
  if (template) template.remove();
  var laidOut = performance.now();

  // ---- copy fit ---------------------------------------------------------------------------------
  var fit = { status: 'fits', oversetLines: 0, oversetChars: 0, firstWords: '', firstLine: null, undersetLines: 0, gapLines: 0 };
  if (source.firstElementChild) {
    var last = frames[frames.length - 1].el;
    var measure = document.createElement('div');
    measure.className = 'article-body flow-measure';
    measure.style.width = last.getBoundingClientRect().width + 'px';
    source.parentNode.appendChild(measure); // inside the article, so the same rules set it
    fit.firstLine = Number(source.firstElementChild.dataset.line) || null;
    while (source.firstElementChild) { var ob = source.firstElementChild; measure.appendChild(ob); padToGrid(ob); }
    var text = (measure.textContent || '').replace(/\s+/g, '');
    fit.status = 'overset';
    fit.oversetLines = Math.round(measure.getBoundingClientRect().height / G);
    fit.oversetChars = Array.from(text).length;
    fit.firstWords = Array.from(text).slice(0, 24).join('');
    measure.remove(); // overset text is reported, never printed
  }
  // Line numbers count the grid lines of a column's frames on its page, top to bottom (第N栏第M行).
  var columnLines = {};
  var frameReport = frames.map(function (f) {
    var el = f.el, fr = el.getBoundingClientRect(), top = fr.top, lines = Number(el.dataset.lines);
    var sr = el.closest('.sheet').getBoundingClientRect();
    var lastChild = el.lastElementChild;
    var used = lastChild ? Math.min(lines, Math.round((lastChild.getBoundingClientRect().bottom - top) / G)) : 0;
    var key = f.page + ':' + el.dataset.column;
    var columnLine = (columnLines[key] || 0) + 1;
    columnLines[key] = columnLine - 1 + lines;
    return {
      page: f.page, column: Number(el.dataset.column), firstLine: Number(el.dataset.firstLine), lines: lines, usedLines: used, blocks: el.children.length,
      columnLine: columnLine, left: fr.left - sr.left, top: fr.top - sr.top, width: fr.width, height: fr.height,
    };
  });
  var frameOf = new Map();
  frames.forEach(function (f, i) { frameOf.set(f.el, frameReport[i]); });
  // Underset: the empty lines after the end of the text; gaps: empty lines left above a moved head.
  var lastUsed = -1;
  frameReport.forEach(function (f, i) { if (f.blocks) lastUsed = i; });
  frameReport.forEach(function (f, i) {
    if (i > lastUsed) fit.undersetLines += f.lines;
    else if (i === lastUsed) fit.undersetLines += f.lines - f.usedLines;
    else fit.gapLines += f.lines - f.usedLines;
  });
  if (fit.status === 'fits' && fit.undersetLines > 0) fit.status = 'underset';

  // ---- lines ------------------------------------------------------------------------------------
  /** Lines of a block: [{from, to, text, first, last, letters, loose}] from character rects. */
  function linesOf(el) {
    var idx = textIndex(el), lines = [], cur = null;
    var em = parseFloat(getComputedStyle(el).fontSize);
    for (var i = 0; i < idx.total; i++) {
      var r = charRect(idx, i);
      if (!r) continue;
      var ch = charAt(idx, i), mid = r.top + r.height / 2;
      var code = ch.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdbff) ch = ch + charAt(idx, i + 1);
      if (!cur || mid > cur.mid + cur.h / 2) {
        cur = { from: i, to: i, text: '', mid: mid, h: r.height, widths: [], left: r.left, right: r.right, top: r.top, inkTop: r.top, inkBottom: r.bottom };
        lines.push(cur);
      }
      cur.to = i + ch.length;
      cur.right = r.right;
      cur.inkLeft = Math.min(cur.inkLeft === undefined ? r.left : cur.inkLeft, r.left);
      cur.inkRight = Math.max(cur.inkRight === undefined ? r.right : cur.inkRight, r.right);
      cur.inkTop = Math.min(cur.inkTop, r.top);
      cur.inkBottom = Math.max(cur.inkBottom, r.bottom);
      if (!SPACE.test(ch)) cur.text += ch;
      if (/\p{Script=Han}/u.test(ch)) cur.widths.push(r.width);
    }
    return lines.map(function (l) {
      var w = l.widths.sort(function (a, b) { return a - b; });
      var median = w.length ? w[w.length >> 1] : em;
      var chars = Array.from(l.text);
      return {
        from: l.from, to: l.to, text: l.text, top: l.top, left: l.left, right: l.right,
        ink: { left: l.inkLeft, top: l.inkTop, right: l.inkRight, bottom: l.inkBottom },
        first: chars[0] || '', last: chars[chars.length - 1] || '',
        letters: chars.filter(function (c) { return LETTER.test(c); }).length,
        loose: Math.max(0, (median - em) / em),
      };
    });
  }
  function where(el) {
    var frame = el.closest('.frame');
    return { page: Number(frame.closest('.sheet').dataset.page), column: Number(frame.dataset.column), line: Number(el.dataset.line) || null };
  }

  // 孤字: a paragraph whose last line holds too few characters takes characters from the line above
  // (kept together with nowrap). The paragraph keeps its line count, so the frames do not change.
  var fitted = performance.now();
  var orphansFixed = 0;
  var paragraphs = Array.prototype.slice.call(document.querySelectorAll('.frame p:not(.split)'));
  /** The last two lines of a block, found from its end (a paragraph's earlier lines do not matter here). */
  function lastLines(el) {
    var idx = textIndex(el), ends = [], mid = null, h = 0, letters = 0, from = idx.total;
    for (var i = idx.total - 1; i >= 0; i--) {
      var r = charRect(idx, i);
      if (!r) continue;
      var m = r.top + r.height / 2;
      if (mid === null) { mid = m; h = r.height; }
      if (m < mid - h / 2) {
        ends.push({ from: from, letters: letters });
        if (ends.length === 2) break;
        mid = m; letters = 0;
      }
      from = i;
      if (LETTER.test(charAt(idx, i))) letters++;
    }
    if (ends.length < 2 && mid !== null) ends.push({ from: from, letters: letters });
    return ends.reverse(); // [line before last, last line]; a one-line block gives one entry
  }
  paragraphs.forEach(function (p) {
    var lines = lastLines(p);
    if (lines.length < 2) return;
    var lastLine = lines[1];
    if (lastLine.letters >= input.minLastLine) return;
    var idx = textIndex(p), need = input.minLastLine - lastLine.letters, t = lastLine.from;
    while (need > 0 && t > lines[0].from + 1) {
      t--;
      var c = charAt(idx, t), code = c.charCodeAt(0);
      if (code >= 0xdc00 && code <= 0xdfff) { t--; c = charAt(idx, t) + c; }
      if (LETTER.test(c)) need--;
    }
    if (need > 0) return;
    var before = p.cloneNode(true), height = p.getBoundingClientRect().height;
    var span = document.createElement('span');
    span.className = 'keep-together';
    span.appendChild(rangeAt(idx, t, p).extractContents());
    p.appendChild(span);
    var after = lastLines(p);
    if (Math.abs(p.getBoundingClientRect().height - height) > 0.5 || after[after.length - 1].letters < input.minLastLine) {
      if (pieceStart.has(p)) pieceStart.set(before, pieceStart.get(p));
      p.replaceWith(before);
    } else orphansFixed++;
  });

  var orphaned = performance.now();
  var quality = { lines: 0, badStarts: [], badEnds: [], orphans: [], loose: [], orphansFixed: orphansFixed, maxLoose: 0 };
  var heads = [], continued = [], offGrid = [], printed = [];
  var blocks = Array.prototype.slice.call(document.querySelectorAll('.frame > *'));
  blocks.forEach(function (el) {
    var frame = el.parentElement, fr = frame.getBoundingClientRect();
    var fInfo = frameOf.get(frame), sr = frame.closest('.sheet').getBoundingClientRect();
    var start = pieceStart.get(el) || 0, blockLine = Number(el.dataset.line) || null;
    /** Every printed line, numbered within its column (the line map proofs and reviewers use). */
    function mapLines(lines) {
      lines.forEach(function (l) {
        if (!l.text) return;
        var row = Math.max(0, Math.min(fInfo.lines - 1, Math.floor(((l.ink.top + l.ink.bottom) / 2 - fr.top) / G)));
        printed.push({
          page: fInfo.page, column: fInfo.column, columnLine: fInfo.columnLine + row, gridLine: fInfo.firstLine + row,
          left: l.ink.left - sr.left, top: l.ink.top - sr.top, width: l.ink.right - l.ink.left, height: l.ink.bottom - l.ink.top,
          text: l.text, block: blockLine, from: start + l.from, to: start + l.to,
        });
      });
    }
    var rect = el.getBoundingClientRect();
    var offset = (rect.top - fr.top) / G;
    if (Math.abs(offset - Math.round(offset)) > 0.01) offGrid.push(Object.assign(where(el), { offset: offset }));
    if (isHead(el)) {
      heads.push(Object.assign(where(el), { text: el.textContent, atFoot: !el.nextElementSibling, lastLine: Math.round((rect.bottom - fr.top) / G) }));
    }
    if (el.tagName === 'FIGURE') { mapLines(linesOf(el)); return; }
    var lines = linesOf(el);
    mapLines(lines);
    var justified = el.tagName === 'P' && !el.classList.contains('byline') && !el.classList.contains('credit');
    var isEnd = !el.classList.contains('split');
    if (el.classList.contains('continued') && lines.length) continued.push(Object.assign(where(el), { indent: lines[0].left - fr.left, text: lines[0].text }));
    lines.forEach(function (l, i) {
      quality.lines++;
      var at = function () { return Object.assign(where(el), { text: l.text }); };
      if (l.first && input.noStart.indexOf(l.first) >= 0) quality.badStarts.push(at());
      if (l.last && input.noEnd.indexOf(l.last) >= 0) quality.badEnds.push(at());
      var lastOfParagraph = i === lines.length - 1 && isEnd;
      if (lastOfParagraph && lines.length > 1 && el.tagName === 'P' && l.letters < input.minLastLine) quality.orphans.push(at());
      if (justified && !lastOfParagraph) {
        quality.maxLoose = Math.max(quality.maxLoose, l.loose);
        if (l.loose > input.maxLoose) quality.loose.push(Object.assign(at(), { loose: Math.round(l.loose * 1000) / 1000 }));
      }
    });
  });
  quality.maxLoose = Math.round(quality.maxLoose * 1000) / 1000;

  // Every text block and photo carries data-line, so the proof can mark findings where they sit.
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.frame > [data-line], .slot[data-line]')).map(function (el) {
    var r = el.getBoundingClientRect();
    return { line: Number(el.dataset.line), page: Number(el.closest('.sheet').dataset.page), left: r.left, top: r.top, width: r.width, height: r.height };
  });
  source.remove();
  return {
    pages: sheets.length,
    frames: frameReport,
    fit: fit,
    quality: quality,
    heads: heads,
    continued: continued,
    offGrid: offGrid,
    problems: problems,
    boxes: boxes,
    lines: printed,
    ms: {
      frames: Math.round(laidOut - started),
      copyFit: Math.round(fitted - laidOut),
      orphans: Math.round(orphaned - fitted),
      lineChecks: Math.round(performance.now() - orphaned),
    },
  };
})
