// Where a JSON pointer's value starts in a JSON text, so a schema error at /config/query can be
// shown on its line. A small tolerant scanner: it stops quietly at the first syntax error.

/** Answers Map(pointer -> line number, 1-based) for every value in `text`. */
export function pointerLines(text) {
  const lines = new Map();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') { line++; i++; } else if (c === ' ' || c === '\t' || c === '\r') { i++; } else break;
    }
  };
  const string = () => {
    let out = '';
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const next = text[i + 1];
        if (next === 'u') { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue; }
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[next] ?? next;
        i += 2;
        continue;
      }
      if (text[i] === '\n') line++;
      out += text[i++];
    }
    i++; // closing quote
    return out;
  };
  const escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  const value = (pointer) => {
    ws();
    lines.set(pointer, line);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      while (i < text.length) {
        ws();
        if (text[i] !== '"') throw new Error('key');
        const keyLine = line;
        const key = string();
        ws();
        if (text[i] !== ':') throw new Error('colon');
        i++;
        const child = `${pointer}/${escape(key)}`;
        value(child);
        lines.set(child, keyLine);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        throw new Error('object');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      let index = 0;
      while (i < text.length) {
        value(`${pointer}/${index++}`);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        throw new Error('array');
      }
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && /[^\s,\]}]/.test(text[i])) i++;
    }
  };
  try {
    value('');
  } catch {
    // partial map up to the syntax error
  }
  return lines;
}

/** The line of `pointer`, or of its nearest ancestor present in the text. */
export function lineOf(lines, pointer) {
  let p = pointer;
  while (p) {
    if (lines.has(p)) return lines.get(p);
    p = p.slice(0, p.lastIndexOf('/'));
  }
  return lines.get('') || 1;
}

/** The line and column of a JSON.parse error, when the message says where. */
export function parseErrorPosition(text, error) {
  const m = /position (\d+)/.exec(error.message) || /column (\d+)/.exec(error.message);
  const lineMatch = /line (\d+) column (\d+)/.exec(error.message);
  if (lineMatch) return { line: Number(lineMatch[1]), column: Number(lineMatch[2]) };
  if (!m) return { line: 1, column: 1 };
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}
