/* labelbench report: leaderboard sorting and the example explorer. Data is read with JSON.parse and written to the
   page only through textContent and DOM nodes, never as HTML. */
(function () {
  'use strict';
  // About 150 prediction rows a page keeps re-rendering quick however many cells a run has.
  var ROWS_PER_PAGE = 150, MAX_EXAMPLES_PER_PAGE = 25, MIN_EXAMPLES_PER_PAGE = 5;
  var pageSize = MAX_EXAMPLES_PER_PAGE;

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function option(value, text) {
    var o = document.createElement('option');
    o.value = String(value);
    o.textContent = text;
    return o;
  }

  /* ---- leaderboard sorting ---- */
  function sortKey(cell, numeric) {
    if (!numeric) { return cell.textContent.trim().toLowerCase(); }
    var v = cell.getAttribute('data-value');
    return v === null || v === '' ? null : parseFloat(v);
  }
  function sortTable(table, th) {
    var headRow = th.parentNode;
    var column = Array.prototype.indexOf.call(headRow.children, th);
    var numeric = th.getAttribute('data-sort') === 'num';
    var current = th.getAttribute('aria-sort');
    var descending = current ? current === 'ascending' : (numeric && column > 0);
    Array.prototype.forEach.call(headRow.children, function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var a = sortKey(r1.cells[column], numeric), b = sortKey(r2.cells[column], numeric);
      if (a === null && b === null) { return 0; }
      if (a === null) { return 1; }          // missing values last either way
      if (b === null) { return -1; }
      var order = a < b ? -1 : a > b ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable th[data-sort] button'), function (button) {
    button.addEventListener('click', function () {
      var th = button.parentNode;
      var table = th.closest('table');
      sortTable(table, th);
    });
  });

  /* ---- example explorer ---- */
  var dataNode = $('labelbench-data');
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var k = data.labels.length, INVALID = k, FAILED = k + 1;
  var cells = data.cells, gold = data.gold, predicted = data.predicted;
  var lowerTexts = null, lowerReplies = null;

  function labelName(i) {
    if (i < 0) { return 'no prediction'; }
    if (i < k) { return data.labels[i]; }
    return i === INVALID ? 'invalid' : 'failed';
  }
  function outcome(p, g) {
    if (p < 0) { return 'missing'; }
    if (p === FAILED) { return 'failed'; }
    if (p === INVALID) { return 'invalid'; }
    return p === g ? 'correct' : 'wrong';
  }
  function cellName(c) { return cells[c].model + ' × ' + cells[c].template; }
  function unique(values) {
    var seen = {}, out = [];
    values.forEach(function (v) { if (!Object.prototype.hasOwnProperty.call(seen, v)) { seen[v] = true; out.push(v); } });
    return out;
  }

  var filters = {
    model: $('f-model'), template: $('f-template'), gold: $('f-gold'), pred: $('f-pred'),
    outcome: $('f-outcome'), search: $('f-search'), a: $('f-cell-a'), b: $('f-cell-b')
  };
  unique(cells.map(function (c) { return c.model; })).forEach(function (m) { filters.model.appendChild(option(m, m)); });
  unique(cells.map(function (c) { return c.template; })).forEach(function (t) { filters.template.appendChild(option(t, t)); });
  data.labels.forEach(function (l, i) {
    filters.gold.appendChild(option(i, l));
    filters.pred.appendChild(option(i, l));
  });
  filters.pred.appendChild(option(INVALID, 'invalid'));
  filters.pred.appendChild(option(FAILED, 'failed request'));
  cells.forEach(function (c, i) {
    filters.a.appendChild(option(i, cellName(i)));
    filters.b.appendChild(option(i, cellName(i)));
  });

  var matches = [];   // [{example, cells: [cell indexes]}]
  var page = 0;

  function readFilters() {
    return {
      model: filters.model.value, template: filters.template.value,
      gold: filters.gold.value === '' ? -1 : parseInt(filters.gold.value, 10),
      pred: filters.pred.value === '' ? -1 : parseInt(filters.pred.value, 10),
      outcome: filters.outcome.value,
      query: filters.search.value.trim().toLowerCase(),
      a: filters.a.value === '' ? -1 : parseInt(filters.a.value, 10),
      b: filters.b.value === '' ? -1 : parseInt(filters.b.value, 10)
    };
  }

  function prepareSearch() {
    if (lowerTexts) { return; }
    lowerTexts = data.texts.map(function (t, i) { return (data.ids[i] + '\n' + t).toLowerCase(); });
    lowerReplies = data.reply_texts.map(function (t) { return t.toLowerCase(); });
  }

  function applyFilters() {
    var f = readFilters();
    var disagree = f.a >= 0 && f.b >= 0 && f.a !== f.b;
    var candidates = [];
    cells.forEach(function (c, i) {
      if (disagree) { if (i === f.a || i === f.b) { candidates.push(i); } return; }
      if ((f.model === '' || c.model === f.model) && (f.template === '' || c.template === f.template)) { candidates.push(i); }
    });
    if (disagree && f.a > f.b) { candidates.reverse(); }
    if (f.query) { prepareSearch(); }
    matches = [];
    for (var e = 0; e < data.ids.length; e++) {
      var g = gold[e];
      if (f.gold >= 0 && g !== f.gold) { continue; }
      if (disagree) {
        var pa = predicted[f.a][e], pb = predicted[f.b][e];
        if (pa < 0 || pb < 0 || pa === pb) { continue; }
      }
      var shown = [];
      for (var j = 0; j < candidates.length; j++) {
        var c = candidates[j], p = predicted[c][e];
        if (p < 0) { continue; }
        if (f.pred >= 0 && p !== f.pred) { continue; }
        if (f.outcome && outcome(p, g) !== f.outcome) { continue; }
        shown.push(c);
      }
      if (shown.length === 0) { continue; }
      if (disagree && shown.length < 2) { continue; }
      if (f.query && lowerTexts[e].indexOf(f.query) < 0) {
        var inReply = shown.some(function (c) {
          var r = data.replies[c][e];
          return r >= 0 && lowerReplies[r].indexOf(f.query) >= 0;
        });
        if (!inReply) { continue; }
      }
      matches.push({ example: e, cells: shown });
    }
    pageSize = Math.max(MIN_EXAMPLES_PER_PAGE, Math.min(MAX_EXAMPLES_PER_PAGE,
      Math.floor(ROWS_PER_PAGE / Math.max(1, candidates.length))));
    page = 0;
    render();
  }

  function renderExample(match) {
    var e = match.example;
    var card = el('article', 'example');
    var head = el('div', 'example-head');
    head.appendChild(el('span', 'example-id', data.ids[e]));
    var goldChip = el('span', 'chip gold', 'gold: ' + labelName(gold[e]));
    head.appendChild(goldChip);
    card.appendChild(head);
    card.appendChild(el('p', 'example-text', data.texts[e]));
    var table = el('table', 'preds');
    var colgroup = el('colgroup');
    ['c-model', 'c-template', 'c-pred', 'c-reply'].forEach(function (name) { colgroup.appendChild(el('col', name)); });
    table.appendChild(colgroup);
    var thead = el('thead');
    var hr = el('tr');
    ['Model', 'Template', 'Predicted', 'Raw reply'].forEach(function (h) {
      var th = el('th', null, h);
      th.setAttribute('scope', 'col');
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    table.appendChild(thead);
    var tbody = el('tbody');
    match.cells.forEach(function (c) {
      var p = predicted[c][e];
      var tr = el('tr');
      tr.appendChild(el('td', null, cells[c].model));
      tr.appendChild(el('td', null, cells[c].template));
      var td = el('td');
      td.appendChild(el('span', 'chip ' + outcome(p, gold[e]), labelName(p)));
      tr.appendChild(td);
      var replyCell = el('td');
      var r = data.replies[c][e];
      replyCell.appendChild(el('code', 'reply', r >= 0 ? data.reply_texts[r] : '(no reply text)'));
      tr.appendChild(replyCell);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    card.appendChild(table);
    return card;
  }

  function render() {
    var pages = Math.max(1, Math.ceil(matches.length / pageSize));
    page = Math.min(page, pages - 1);
    var start = page * pageSize, end = Math.min(matches.length, start + pageSize);
    var list = document.createDocumentFragment();
    for (var i = start; i < end; i++) { list.appendChild(renderExample(matches[i])); }
    var explorer = $('explorer');
    explorer.replaceChildren(list);
    var shownPredictions = 0;
    matches.forEach(function (m) { shownPredictions += m.cells.length; });
    $('explorer-status').textContent = matches.length === 0
      ? 'No example matches these filters.'
      : matches.length + ' of ' + data.ids.length + ' examples match (' + shownPredictions + ' predictions); showing '
        + (start + 1) + '–' + end + '.';
    $('page-info').textContent = 'Page ' + (page + 1) + ' of ' + pages;
    $('page-prev').disabled = page === 0;
    $('page-next').disabled = page >= pages - 1;
  }

  var searchTimer = null;
  ['model', 'template', 'gold', 'pred', 'outcome', 'a', 'b'].forEach(function (name) {
    filters[name].addEventListener('change', applyFilters);
  });
  filters.search.addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applyFilters, 150);
  });
  $('filters').addEventListener('submit', function (event) { event.preventDefault(); applyFilters(); });
  $('filters').addEventListener('reset', function () { setTimeout(applyFilters, 0); });
  $('page-prev').addEventListener('click', function () { page--; render(); window.scrollTo(0, $('examples').offsetTop); });
  $('page-next').addEventListener('click', function () { page++; render(); window.scrollTo(0, $('examples').offsetTop); });
  applyFilters();
}());
