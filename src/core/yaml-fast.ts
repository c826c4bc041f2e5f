// The plain frontmatter most notes have — `key: value`, quoted strings, `[a, b]` and `- item`
// lists — read without a YAML library. Anything else returns undefined and goes to the `yaml`
// package; a property test keeps the two equal on what this accepts.
import type { FmValue } from "./frontmatter";

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);

/** YAML's whitespace is space and tab only: a no-break space at a value's edge belongs to it. */
function ytrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * Keys that YAML's core schema reads as null, a boolean or a number: the library compares them as
 * values (`1` and `01` are the same key), so they go to it.
 */
const NON_STRING_KEY =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Characters that may not start a plain scalar here (flow and block indicators). */
function badPlainStart(c: string, next: string | undefined): boolean {
  if ("[]{},#&*!|>'\"%@`".includes(c)) return true;
  if ((c === "-" || c === "?" || c === ":") && (next === undefined || next === " " || next === "\t")) return true;
  return false;
}

/** A plain scalar on one line, or undefined when it needs the full parser. */
function plain(raw: string, inFlow: boolean): string | null | undefined {
  const s = ytrim(raw);
  if (s === "") return null;
  if (badPlainStart(s[0]!, s[1])) return undefined;
  if (s.includes(": ") || s.endsWith(":") || s.includes(" #") || s.includes("\t#") || s.includes("\t")) return undefined;
  if (inFlow && /[[\]{},]/.test(s)) return undefined;
  if (s === "---" || s === "...") return undefined;
  return NULLS.has(s) ? null : s;
}

function scalar(raw: string, inFlow: boolean): string | null | undefined {
  const s = ytrim(raw);
  const q = s[0];
  if (q === '"') {
    if (s.length < 2 || !s.endsWith('"')) return undefined;
    const inner = s.slice(1, -1);
    if (inner.includes('"') || inner.includes("\\")) return undefined;
    return inner;
  }
  if (q === "'") {
    if (s.length < 2 || !s.endsWith("'")) return undefined;
    const inner = s.slice(1, -1);
    if (inner.replace(/''/g, "").includes("'")) return undefined;
    return inner.replace(/''/g, "'");
  }
  return plain(s, inFlow);
}

function flowList(s: string): FmValue[] | undefined {
  const inner = s.slice(1, -1);
  if (ytrim(inner) === "") return [];
  if (inner.includes("'") && inner.includes('"')) return undefined;
  const parts = inner.split(",");
  const out: FmValue[] = [];
  for (const p of parts) {
    if (ytrim(p) === "") return undefined;
    // A comma inside quotes would have been split: refuse rather than guess.
    const t = ytrim(p);
    if ((t.startsWith('"') && !t.endsWith('"')) || (t.startsWith("'") && !t.endsWith("'"))) return undefined;
    const v = scalar(t, true);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function inlineValue(rest: string): FmValue | undefined {
  const s = ytrim(rest);
  if (s.startsWith("[")) {
    if (!s.endsWith("]") || s.startsWith("[[")) return undefined;
    return flowList(s);
  }
  return scalar(s, false);
}

const KEY_RE = /^([A-Za-z0-9_\u00C0-\uFFFF][^:#\t]*?):(?:[ ]+(.*))?$/u;
const ITEM_RE = /^( *)-(?: +(.*))?$/;

export function parseSimpleYaml(src: string): Array<[string, FmValue]> | undefined {
  const lines = src.split("\n");
  const entries: Array<[string, FmValue]> = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < lines.length) {
    let line = lines[i]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    i++;
    if (ytrim(line) === "") continue;
    if (line[0] === "#") continue;
    if (line[0] === " " || line[0] === "\t" || line[0] === "-") return undefined;
    const m = KEY_RE.exec(line);
    if (!m) return undefined;
    const k = m[1]!;
    if (k !== ytrim(k) || NON_STRING_KEY.test(k)) return undefined;
    if (seen.has(k)) return undefined;
    seen.add(k);
    const rest = m[2];
    if (rest !== undefined && ytrim(rest) !== "") {
      const v = inlineValue(rest);
      if (v === undefined) return undefined;
      entries.push([k, v]);
      continue;
    }
    // `key:` alone: a block list may follow, or nothing (null).
    const items: FmValue[] = [];
    let indent = -1;
    while (i < lines.length) {
      let l = lines[i]!;
      if (l.endsWith("\r")) l = l.slice(0, -1);
      if (ytrim(l) === "") {
        // A blank line inside a list is allowed; look past it.
        i++;
        continue;
      }
      const im = ITEM_RE.exec(l);
      if (!im) {
        if (l[0] === " " || l[0] === "\t") return undefined;
        break;
      }
      const ind = im[1]!.length;
      if (indent < 0) indent = ind;
      else if (ind !== indent) return undefined;
      const body = im[2];
      if (body === undefined || ytrim(body) === "") return undefined;
      const b = ytrim(body);
      if (b.startsWith("[") || b.startsWith("- ") || b === "-") return undefined;
      const v = scalar(b, false);
      if (v === undefined) return undefined;
      items.push(v);
      i++;
    }
    entries.push([k, indent < 0 ? null : items]);
  }
  return entries;
}
