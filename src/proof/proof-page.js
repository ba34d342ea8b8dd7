// The proof's work inside the laid-out page (plain browser JavaScript, run through the DevTools
// protocol like the layout engine; the document runs no script of its own). Two steps:
//  - measure: make each sheet larger around the same trim (room for the slug and the sign-off
//    box; the trim moves by whole pixels, so no text moves relative to it), then read where every
//    printed character stands: the body's lines (the layout engine's line map, when it gives one),
//    the headline, the 报眉, the captions and the photos;
//  - sheet: put the overlay's marks on each sheet and lay the findings sheet out on pages of the
//    same size (rows never split; every position is a screen position, which is what prints).
/* eslint-disable */
(function baobanProof(input) {
  var range = document.createRange();
  var SPACE = /\s/;
  var round = function (n) {
    return Math.round(n * 100) / 100;
  };

  function textIndex(els) {
    var nodes = [],
      starts = [],
      total = 0;
    els.forEach(function (el) {
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (var n = walker.nextNode(); n; n = walker.nextNode()) {
        // a table's header row printed again at the head of its next piece (续表) is not the
        // manuscript's text: the engine's line map counts without it. The same rule as
        // notManuscript in src/page/engine/text-index.ts (this script cannot import it): keep them alike.
        if (n.parentElement && n.parentElement.closest('thead.repeated')) continue;
        nodes.push(n);
        starts.push(total);
        total += n.data.length;
      }
    });
    return {
      nodes: nodes,
      starts: starts,
      total: total,
      text: nodes
        .map(function (n) {
          return n.data;
        })
        .join(''),
    };
  }
  function locate(idx, i) {
    var lo = 0,
      hi = idx.nodes.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (idx.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return [idx.nodes[lo], i - idx.starts[lo]];
  }
  /** The rect of character i, or null for characters that take no room (collapsed spaces, low surrogates). */
  function charRect(idx, i) {
    var p = locate(idx, i),
      node = p[0],
      off = p[1];
    var code = node.data.charCodeAt(off);
    if (code >= 0xdc00 && code <= 0xdfff) return null;
    var end = off + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
    range.setStart(node, off);
    range.setEnd(node, Math.min(end, node.data.length));
    var rects = range.getClientRects();
    if (!rects.length) return null;
    var r = rects[0];
    return r.width > 0 || !SPACE.test(node.data.charAt(off)) ? r : null;
  }
  function sheetOf(el) {
    return el.closest('.sheet');
  }
  function trimOf(sheet) {
    return sheet.querySelector('.trim').getBoundingClientRect();
  }

  if (input.step === 'measure') {
    // ---- a larger sheet around the same trim ---------------------------------------------------
    var style = document.createElement('style');
    style.textContent = '@page { size: ' + input.sheet.width + 'px ' + input.sheet.height + 'px; margin: 0; }';
    document.head.appendChild(style);
    var sheets = Array.prototype.slice.call(document.querySelectorAll('.sheet'));
    sheets.forEach(function (s) {
      s.style.width = input.sheet.width + 'px';
      s.style.height = input.sheet.height + 'px';
      var t = s.querySelector('.trim');
      t.style.left = input.trim.left + 'px';
      t.style.top = input.trim.top + 'px';
    });
    var trims = sheets.map(trimOf);
    var pageOf = function (el) {
      return Number(sheetOf(el).dataset.page) || sheets.indexOf(sheetOf(el)) + 1;
    };
    var rel = function (r, page) {
      var t = trims[page - 1];
      return { left: r.left - t.left, top: r.top - t.top, width: r.width, height: r.height };
    };

    // ---- printed text: body blocks (all pieces of each), headline, 报眉, captions ---------------
    var units = [],
      indexes = {};
    function addUnit(id, zone, els, block, page) {
      var idx = textIndex(els);
      indexes[id] = idx;
      units.push({ id: id, zone: zone, block: block, page: page, text: idx.text });
    }
    var pieces = Array.prototype.slice.call(document.querySelectorAll('.frame > *'));
    var groups = [],
      byKey = {},
      ordinal = -1;
    pieces.forEach(function (el) {
      // A block's pieces in later columns are .continued copies of it: one unit, keyed as
      // build-proof.ts keys the flow's blocks (the footnotes' section has no manuscript line of its own).
      if (!el.classList.contains('continued')) ordinal++;
      var key = el.dataset.line
        ? 'block:' + el.dataset.line
        : el.classList.contains('credit')
          ? 'credit'
          : el.classList.contains('footnotes')
            ? 'footnotes'
            : 'piece:' + ordinal;
      if (!byKey[key]) {
        byKey[key] = { key: key, els: [], block: Number(el.dataset.line) || null };
        groups.push(byKey[key]);
      }
      byKey[key].els.push(el);
    });
    groups.forEach(function (g) {
      addUnit(g.key, 'body', g.els, g.block, pageOf(g.els[0]));
    });
    sheets.forEach(function (s, si) {
      var page = si + 1;
      Array.prototype.forEach.call(s.querySelectorAll('.headline-block > *'), function (el) {
        var cls = ['kicker', 'headline', 'subheadline', 'byline-head'].filter(function (c) {
          return el.classList.contains(c);
        })[0];
        if (cls) addUnit(page === 1 ? cls : cls + ':p' + page, 'headline', [el], Number(el.dataset.line) || null, page);
      });
      ['rh-left', 'rh-center', 'rh-right'].forEach(function (c) {
        var el = s.querySelector('.running-head .' + c);
        if (el && el.textContent) addUnit(c + ':p' + page, 'running-head', [el], null, page);
      });
      Array.prototype.forEach.call(s.querySelectorAll('.slot[data-line] figcaption'), function (el) {
        var line = Number(el.closest('[data-line]').dataset.line);
        addUnit('caption:' + line, 'caption', [el], line, page);
      });
    });

    // ---- lines: where each character of each printed line stands --------------------------------
    var lines = [];
    /**
     * One printed line of a unit, from..to: where each character stands. A line the layout engine
     * gives may hold characters of more than one line of type: a table row whose cells wrap (each
     * cell's characters, one after another, on the row's first, second… line). Each run of
     * characters on one line of type is a line of its own, numbered as the margin's line numbers
     * count it (the grid line of its frame its middle falls in: a row of four lines of type is four
     * 第M行, not the row's one): a mark on a cell's second line is that line's, and a highlight in a
     * cell is one line high, not the row's.
     */
    function measureLine(unitId, page, from, to, extra) {
      var idx = indexes[unitId],
        t = trims[page - 1],
        cur = null,
        runs = [];
      function flush() {
        if (!cur || cur.left === Infinity) return;
        var line = {
          unit: unitId,
          page: page,
          from: cur.from,
          to: cur.to,
          left: round(cur.left),
          top: round(cur.top),
          width: round(cur.right - cur.left),
          height: round(cur.bottom - cur.top),
          xs: cur.xs,
        };
        for (var k in extra) line[k] = extra[k];
        runs.push(line);
      }
      for (var i = from; i < to; i++) {
        var r = charRect(idx, i);
        // A body character outside its column's frames is not printed: the rows of a table taller
        // than its frame, clipped at its foot (the engine puts their lines on the frame's last line),
        // and the cells of a table wider than its frame, cut at its right edge (the engine gives the
        // row as one line). It belongs to no line: the map has it as not printed, and the run
        // before it ends there (a cell cut at the edge ends the row's printed text).
        if (r && extra.columnLine !== undefined && (gridLineOf(page, extra.column, r.top - t.top + r.height / 2) === undefined || clipped(idx, i, r))) {
          flush();
          cur = null;
          continue;
        }
        var mid = r ? r.top - t.top + r.height / 2 : 0;
        // a character whose middle lies above or below the run's line of type starts a new run
        if (r && cur && cur.left !== Infinity && (mid < cur.top || mid > cur.bottom)) {
          flush();
          cur = null;
        }
        if (!cur) cur = { from: i, to: i, xs: [], left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
        cur.to = i + 1;
        if (!r) {
          cur.xs.push(null);
          continue;
        }
        cur.xs.push(round(r.left - t.left));
        cur.left = Math.min(cur.left, r.left - t.left);
        cur.right = Math.max(cur.right, r.right - t.left);
        cur.top = Math.min(cur.top, r.top - t.top);
        cur.bottom = Math.max(cur.bottom, r.bottom - t.top);
      }
      flush();
      if (runs.length > 1 && extra.columnLine !== undefined)
        runs.forEach(function (line) {
          var n = gridLineOf(page, extra.column, line.top + line.height / 2);
          if (n !== undefined) line.columnLine = n;
        });
      runs.forEach(function (line) {
        lines.push(line);
      });
    }
    /**
     * Whether character i (its rect r) lies outside the frame that holds it, left or right: its
     * middle past the frame's edge, which clips it (overflow: hidden). Frames are measured once each.
     */
    var frameBoxes = new Map();
    function clipped(idx, i, r) {
      var node = locate(idx, i)[0];
      var frame = node.parentElement && node.parentElement.closest('.frame');
      if (!frame) return false;
      var box = frameBoxes.get(frame);
      if (!box) {
        box = frame.getBoundingClientRect();
        frameBoxes.set(frame, box);
      }
      var x = r.left + r.width / 2;
      return x < box.left || x > box.right;
    }
    /** 第M行 of a point of a column (trim px): the grid line of the column's frame it lies in. */
    function gridLineOf(page, column, y) {
      var frames = input.frames || [];
      for (var i = 0; i < frames.length; i++) {
        var f = frames[i];
        if (f.page !== page || f.column !== column || y < f.top || y >= f.top + f.lines * input.grid) continue;
        return f.columnLine + Math.floor((y - f.top) / input.grid);
      }
      return undefined;
    }
    /** Lines of a unit from character rects: a new line starts where a character's middle falls below the current line. */
    function splitLines(unitId) {
      var idx = indexes[unitId],
        out = [],
        cur = null;
      for (var i = 0; i < idx.total; i++) {
        var r = charRect(idx, i);
        if (!r) {
          if (cur) cur.to = i + 1;
          continue;
        }
        var mid = r.top + r.height / 2;
        if (!cur || Math.abs(mid - cur.mid) > cur.h / 2) {
          cur = { from: i, to: i + 1, mid: mid, h: r.height, top: r.top, node: locate(idx, i)[0] };
          out.push(cur);
        }
        cur.to = i + 1;
      }
      return out;
    }
    // The layout engine's line map says which characters make each body line and its 第N栏第M行;
    // here only where each of those characters stands is read.
    var squeeze = function (t) { return t.replace(/\s+/g, ''); };
    input.lines.forEach(function (l) {
      var id = 'block:' + l.block;
      if (l.block === null) {
        // A block without a manuscript line (the front matter's credit line): the unit whose text is the line's.
        id = groups.map(function (g) { return g.key; }).filter(function (k) {
          return k.indexOf('block:') !== 0 && indexes[k] && squeeze(indexes[k].text.slice(l.from, l.to)) === l.text;
        })[0];
      }
      if (!id || !indexes[id]) return;
      measureLine(id, l.page, l.from, l.to, { column: l.column, columnLine: l.columnLine });
    });
    units.forEach(function (u) {
      if (u.zone === 'body') return;
      splitLines(u.id).forEach(function (l) {
        measureLine(u.id, u.page, l.from, l.to, {});
      });
    });

    // ---- photos -----------------------------------------------------------------------------------
    var photos = Array.prototype.slice.call(document.querySelectorAll('figure[data-line], .slot.photo[data-line]')).map(function (f) {
      var img = f.querySelector('img, .photo-missing') || f;
      var page = pageOf(f);
      return Object.assign({ block: Number(f.dataset.line), page: page }, rel(img.getBoundingClientRect(), page));
    });
    // photo slots the layout gives and no figure fills (page-photo-slot-empty is marked on them)
    var emptySlots = Array.prototype.slice.call(document.querySelectorAll('.slot.photo.empty')).map(function (f) {
      var page = pageOf(f);
      return Object.assign({ page: page }, rel(f.getBoundingClientRect(), page));
    });
    return { units: units, lines: lines, photos: photos, emptySlots: emptySlots, pages: sheets.length };
  }

  /** The numbered elements (data-n: a finding or a change) under `selector` of each sheet, and their boxes on it; sheets from page `first` on. */
  function numbered(sheets, selector, first) {
    var found = [];
    sheets.forEach(function (sheet, i) {
      var origin = sheet.getBoundingClientRect();
      Array.prototype.forEach.call(sheet.querySelectorAll(selector), function (el) {
        var r = el.getBoundingClientRect();
        var item = {
          n: Number(el.dataset.n),
          kind: el.dataset.kind || 'finding',
          page: first + i,
          left: round(r.left - origin.left),
          top: round(r.top - origin.top),
          width: round(r.width),
          height: round(r.height),
        };
        // 移N原处: where a moved block stood, not the block itself
        if (el.dataset.from) item.from = true;
        found.push(item);
      });
    });
    return found;
  }

  if (input.step === 'sheet') {
    // ---- marks on the page sheets ---------------------------------------------------------------
    var pageSheets = Array.prototype.slice.call(document.querySelectorAll('.sheet'));
    input.marks.forEach(function (html, i) {
      if (!pageSheets[i] || !html) return;
      var layer = document.createElement('div');
      layer.className = 'proof-layer';
      layer.setAttribute('aria-hidden', 'true');
      layer.innerHTML = html;
      pageSheets[i].appendChild(layer);
    });
    // Markers that would cover one another (two findings from the same character: both fonts
    // lack it; a finding and a 删N at one word) stand side by side, in their order: the later
    // one moves right past each it would cover. All boxes are read in one layout, then moved. An
    // empty photo slot's frame is numbered (a mark in it is about its finding) but is no marker: a
    // 删N where a deleted photo stood in it was pushed past the slot's right edge.
    pageSheets.forEach(function (sheet) {
      var markers = Array.prototype.slice.call(sheet.querySelectorAll('.proof-layer [data-n]:not(.pm-photo)'));
      var boxes = markers.map(function (el) {
        var r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      });
      var placed = [];
      boxes.forEach(function (b, k) {
        var shift = 0;
        for (var moved = true; moved; ) {
          moved = false;
          for (var j = 0; j < placed.length; j++) {
            var p = placed[j];
            if (b.left + shift < p.right - 0.5 && b.right + shift > p.left + 0.5 && b.top < p.bottom - 0.5 && b.bottom > p.top + 0.5) {
              shift = p.right - b.left + 0.5;
              moved = true;
            }
          }
        }
        if (shift) markers[k].style.left = parseFloat(markers[k].style.left) + shift + 'px';
        placed.push({ left: b.left + shift, right: b.right + shift, top: b.top, bottom: b.bottom });
      });
    });
    // ---- the findings sheet: rows into columns, columns onto pages ------------------------------
    var last = pageSheets[pageSheets.length - 1];
    var holder = document.createElement('div');
    holder.innerHTML = input.sheetHtml;
    var template = holder.querySelector('.proof-findings');
    // ---- a page lower than its sign-off panel ----------------------------------------------------
    // The panel beside the trim (the round's sign-off box and the legend) is as tall as it is
    // whatever the page: beside a page lower than about 80 mm it ran off the sheet's foot, its
    // legend cut. The sheets (and the findings sheet's pages) grow to hold it, with room below;
    // measured once the panel's fonts have loaded.
    var sheetHeight = pageSheets.length ? pageSheets[0].getBoundingClientRect().height : 0;
    function growForPanel() {
      var side = pageSheets.length ? pageSheets[0].querySelector('.pm-side') : null;
      if (!side) return;
      var need = Math.ceil(side.getBoundingClientRect().bottom - pageSheets[0].getBoundingClientRect().top + input.panelFoot);
      if (need <= sheetHeight) return;
      var grownBy = need - sheetHeight;
      sheetHeight = need;
      pageSheets.forEach(function (s) {
        s.style.height = need + 'px';
      });
      var size = document.createElement('style');
      size.textContent = '@page { size: ' + input.sheetWidth + 'px ' + need + 'px; margin: 0; }';
      document.head.appendChild(size);
      [template].concat(out).forEach(function (p) {
        p.style.height = need + 'px';
        var box = p.querySelector('.pf-cols');
        if (box) box.style.height = parseFloat(box.style.height) + grownBy + 'px';
      });
    }
    var rows = Array.prototype.slice.call(holder.querySelectorAll('.pf-flow > *'));
    var flowParent = holder.querySelector('.pf-flow');
    flowParent.innerHTML = '';
    var out = [],
      page = null,
      cols = [],
      col = -1;
    function newPage() {
      page = template.cloneNode(true);
      page.dataset.sheetPage = String(out.length + 1);
      last.parentNode.insertBefore(page, last.nextSibling);
      last = page;
      out.push(page);
      if (out.length > 1) {
        var head = page.querySelector('.pf-head');
        if (head) head.classList.add('pf-head-cont');
      }
      cols = Array.prototype.slice.call(page.querySelectorAll('.pf-col'));
      col = 0;
    }
    newPage();
    // Every row measured in one layout (all columns are as wide as the first), then dealt out to
    // columns and pages by arithmetic: no layout per row. A row taller than a column stays whole
    // (clipped) in a column of its own rather than looping. The rows are measured once the fonts
    // their text asked for (in that first layout) have loaded.
    var first = cols[0];
    rows.forEach(function (row) { first.appendChild(row); });
    first.clientHeight;
    return document.fonts.ready.then(function () {
      growForPanel();
      var capacity = first.clientHeight;
      var heights = rows.map(function (row) {
        var cs = getComputedStyle(row);
        return row.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
      });
      rows.forEach(function (row) { first.removeChild(row); });
      var used = 0;
      rows.forEach(function (row, i) {
        if (used > 0 && used + heights[i] > capacity + 0.5) {
          used = 0;
          if (++col >= cols.length) newPage();
        }
        cols[col].appendChild(row);
        used += heights[i];
      });
      // Where each row with a number landed (the PDF page after the page sheets) and its box; and
      // where each numbered marker on the page sheets stands (a reviewer's mark over one is about it).
      return {
        sheetHeight: sheetHeight,
        pages: out.length,
        rows: numbered(out, '[data-n]', pageSheets.length + 1),
        markers: numbered(pageSheets, '.proof-layer [data-n]', 1),
      };
    });
  }
})
