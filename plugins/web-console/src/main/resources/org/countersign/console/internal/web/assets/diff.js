// Readable diffs: text paths (a model's SQL) as a side-by-side line diff from the unified diff the API
// sends in `textDiffs[].lines`, everything else as a path / before / after table from `changes[]`.
import { h, srOnly, uid } from './dom.js';
import { showValue } from './format.js';

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/**
 * Parses unified diff lines into hunks of rows; each row has a left (before) and a right (after) side.
 * Runs of removed lines are paired with the added lines that follow them, so a changed line sits
 * next to its new version.
 */
export function parseUnified(lines) {
  const hunks = [];
  let hunk = null;
  let oldNo = 0;
  let newNo = 0;
  let removed = [];
  let added = [];
  const flush = () => {
    const n = Math.max(removed.length, added.length);
    for (let i = 0; i < n; i++) {
      hunk.rows.push({ left: removed[i] || null, right: added[i] || null, kind: 'change' });
    }
    removed = [];
    added = [];
  };
  for (const line of lines || []) {
    if (line.startsWith('--- ') || line.startsWith('+++ ')) continue;
    const m = HUNK.exec(line);
    if (m) {
      if (hunk) flush();
      oldNo = Number(m[1]);
      newNo = Number(m[3]);
      hunk = { header: line, rows: [] };
      hunks.push(hunk);
      continue;
    }
    if (!hunk) {
      hunk = { header: null, rows: [] };
      hunks.push(hunk);
      oldNo = 1;
      newNo = 1;
    }
    const mark = line.charAt(0);
    const body = line.slice(1);
    if (mark === '-') {
      removed.push({ n: oldNo++, text: body });
    } else if (mark === '+') {
      added.push({ n: newNo++, text: body });
    } else if (mark === '\\') {
      // "\ No newline at end of file": nothing to show
    } else {
      flush();
      hunk.rows.push({ left: { n: oldNo++, text: body }, right: { n: newNo++, text: body }, kind: 'context' });
    }
  }
  if (hunk) flush();
  return hunks;
}

/** Splits a changed pair of lines into [same, changed, same] so only the middle is highlighted. */
function inlineParts(before, after) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start
    && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    before: [before.slice(0, start), before.slice(start, before.length - end), before.slice(before.length - end)],
    after: [after.slice(0, start), after.slice(start, after.length - end), after.slice(after.length - end)],
  };
}

function codeCell(side, kind, parts, markClass) {
  if (!side) return h('td', { class: 'diff-code diff-empty' });
  const cls = kind === 'context' ? 'diff-code' : `diff-code ${markClass === 'del' ? 'diff-del' : 'diff-add'}`;
  const prefix = kind === 'context' ? null : srOnly(markClass === 'del' ? 'Removed: ' : 'Added: ');
  let content;
  if (parts && parts[1] && (parts[0] || parts[2])) {
    content = [parts[0], h('mark', { class: `diff-word-${markClass}`, text: parts[1] }), parts[2]];
  } else {
    content = [side.text];
  }
  return h('td', { class: cls }, prefix, h('span', { class: 'diff-text' }, content));
}

function numberCell(side, kind, markClass) {
  return h('td', { class: ['diff-num', side && kind !== 'context' && (markClass === 'del' ? 'diff-del' : 'diff-add')], text: side ? String(side.n) : '' });
}

/** The side-by-side table of one text diff. */
export function splitTable(hunks, { caption, beforeLabel = 'Before', afterLabel = 'After' }) {
  const body = [];
  for (const hunk of hunks) {
    if (hunk.header) body.push(h('tbody', { class: 'diff-hunk' }, h('tr', null, h('th', { scope: 'colgroup', colspan: '4', class: 'diff-hunk-header', text: hunk.header }))));
    const rows = hunk.rows.map((row) => {
      const parts = row.kind === 'change' && row.left && row.right ? inlineParts(row.left.text, row.right.text) : null;
      return h('tr', { class: `diff-row diff-${row.kind}` },
        numberCell(row.left, row.kind, 'del'),
        codeCell(row.left, row.kind, parts && parts.before, 'del'),
        numberCell(row.right, row.kind, 'add'),
        codeCell(row.right, row.kind, parts && parts.after, 'add'));
    });
    body.push(h('tbody', null, rows));
  }
  return h('table', { class: 'diff diff-split' },
    h('caption', { class: 'visually-hidden', text: caption }),
    h('colgroup', null, h('col', { class: 'diff-col-num' }), h('col'), h('col', { class: 'diff-col-num' }), h('col')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'diff-num' }, srOnly('Line before')),
      h('th', { scope: 'col', text: beforeLabel }),
      h('th', { scope: 'col', class: 'diff-num' }, srOnly('Line after')),
      h('th', { scope: 'col', text: afterLabel }))),
    body);
}

/** The same diff as one column, for narrow screens or by choice. */
export function unifiedTable(hunks, { caption }) {
  const body = [];
  for (const hunk of hunks) {
    if (hunk.header) body.push(h('tbody', { class: 'diff-hunk' }, h('tr', null, h('th', { scope: 'colgroup', colspan: '3', class: 'diff-hunk-header', text: hunk.header }))));
    // Unified order: within a change block, every removed line before the added ones.
    let block = [];
    const out = [];
    const flushBlock = () => {
      const dels = block.filter((r) => r.left).map((r) => h('tr', { class: 'diff-row' }, h('td', { class: 'diff-num diff-del', text: r.left.n }), h('td', { class: 'diff-num diff-del' }), codeCell(r.left, 'change', null, 'del')));
      const adds = block.filter((r) => r.right).map((r) => h('tr', { class: 'diff-row' }, h('td', { class: 'diff-num diff-add' }), h('td', { class: 'diff-num diff-add', text: r.right.n }), codeCell(r.right, 'change', null, 'add')));
      out.push(...dels, ...adds);
      block = [];
    };
    for (const row of hunk.rows) {
      if (row.kind === 'change') {
        block.push(row);
      } else {
        flushBlock();
        out.push(h('tr', { class: 'diff-row diff-context' }, h('td', { class: 'diff-num', text: row.left.n }), h('td', { class: 'diff-num', text: row.right.n }), codeCell(row.left, 'context')));
      }
    }
    flushBlock();
    body.push(h('tbody', null, out));
  }
  return h('table', { class: 'diff diff-unified' },
    h('caption', { class: 'visually-hidden', text: caption }),
    h('colgroup', null, h('col', { class: 'diff-col-num' }), h('col', { class: 'diff-col-num' }), h('col')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'diff-num' }, srOnly('Line before')),
      h('th', { scope: 'col', class: 'diff-num' }, srOnly('Line after')),
      h('th', { scope: 'col', text: 'Change' }))),
    body);
}

// Side by side where there is room for it; one column on narrow screens (either can be chosen).
let preferredLayout = typeof matchMedia === 'function' && matchMedia('(max-width: 700px)').matches ? 'unified' : 'split';

/** One text diff with its path and a Side by side / Unified switch. */
export function textDiffView(textDiff, labels) {
  const hunks = parseUnified(textDiff.lines);
  const caption = `Line changes to ${textDiff.path}`;
  const slot = h('div', { class: 'diff-scroll' });
  const render = () => {
    slot.replaceChildren(preferredLayout === 'split' ? splitTable(hunks, { caption, ...labels }) : unifiedTable(hunks, { caption }));
    splitBtn.setAttribute('aria-pressed', String(preferredLayout === 'split'));
    unifiedBtn.setAttribute('aria-pressed', String(preferredLayout === 'unified'));
  };
  const choose = (layout) => () => { preferredLayout = layout; render(); };
  const splitBtn = h('button', { type: 'button', class: 'btn btn-small btn-toggle', text: 'Side by side', on: { click: choose('split') } });
  const unifiedBtn = h('button', { type: 'button', class: 'btn btn-small btn-toggle', text: 'Unified', on: { click: choose('unified') } });
  const stats = countLines(hunks);
  const view = h('figure', { class: 'diff-file' },
    h('figcaption', { class: 'diff-file-header' },
      h('code', { class: 'diff-path', text: textDiff.path }),
      h('span', { class: 'diff-stats' },
        h('span', { class: 'diff-stat-add', text: `+${stats.added}` }), ' ',
        h('span', { class: 'diff-stat-del', text: `−${stats.removed}` }),
        srOnly(` (${stats.added} added, ${stats.removed} removed lines)`)),
      h('span', { class: 'diff-layout', role: 'group', 'aria-label': 'Diff layout' }, splitBtn, unifiedBtn)),
    slot);
  render();
  return view;
}

function countLines(hunks) {
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    for (const row of hunk.rows) {
      if (row.kind !== 'change') continue;
      if (row.left) removed++;
      if (row.right) added++;
    }
  }
  return { added, removed };
}

const OPS = { add: 'Added', remove: 'Removed', replace: 'Changed' };

function valueCell(value, present) {
  if (!present || value === null || value === undefined) return h('td', { class: 'muted', text: '—' });
  return h('td', null, h('pre', { class: 'value', text: showValue(value) }));
}

/** The path / before / after table of the changes not shown as line diffs. */
export function changesTable(changes, { caption = 'Configuration changes', beforeLabel = 'Before', afterLabel = 'After' } = {}) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table changes-table' },
    h('caption', { class: 'visually-hidden', text: caption }),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', text: 'Path' }),
      h('th', { scope: 'col', text: 'Change' }),
      h('th', { scope: 'col', text: beforeLabel }),
      h('th', { scope: 'col', text: afterLabel }))),
    h('tbody', null, changes.map((c) => h('tr', { class: `change-${c.op || 'replace'}` },
      h('th', { scope: 'row' }, h('code', { text: c.path })),
      h('td', null, h('span', { class: `op op-${c.op || 'replace'}`, text: OPS[c.op] || c.op || 'Changed' })),
      valueCell(c.before, c.op !== 'add'),
      valueCell(c.after, c.op !== 'remove'))))));
}

/**
 * A whole config diff: `{changes, textDiffs}`. Paths with a line diff are not repeated in the table.
 * `labels` names the two sides, e.g. {beforeLabel: 'Revision 3', afterLabel: 'Draft'}.
 */
export function diffView(diff, labels = {}) {
  const textDiffs = (diff && diff.textDiffs) || [];
  const textPaths = new Set(textDiffs.map((t) => t.path));
  const changes = ((diff && diff.changes) || []).filter((c) => !textPaths.has(c.path));
  if (!textDiffs.length && !changes.length) {
    return h('p', { class: 'muted no-changes', text: 'No changes.' });
  }
  const id = uid('diff');
  return h('div', { class: 'diff-view', id },
    textDiffs.map((t) => textDiffView(t, labels)),
    changes.length ? changesTable(changes, labels) : null);
}
