// Frontmatter: where it is in the file, and what it says. Scalars are kept as the text the user
// wrote (`1.0` stays "1.0", `2025-10-22` stays a string), nulls as null, so that every later rule
// reads dates and values "as written" (§1, §4, §7).
import { parseDocument, isAlias, isMap, isScalar, isSeq, Scalar, type Node as YamlNode, type Document } from "yaml";
import { detach } from "./text";
import { parseSimpleYaml } from "./yaml-fast";

export type FmValue = string | null | FmValue[] | FmObject;
export interface FmObject {
  [key: string]: FmValue;
}

export interface FrontmatterBlock {
  /** Offset of the opening `---` (after a BOM). */
  open: number;
  /** The YAML text runs from yamlStart to yamlEnd (yamlEnd is the start of the closing line). */
  yamlStart: number;
  yamlEnd: number;
  /** Offset just after the closing line and its line break. */
  end: number;
}

export interface Frontmatter {
  /** Top-level keys lower-cased; the first of several spellings wins. */
  map: Map<string, FmValue>;
  /** Top-level entries in file order, keys as written. */
  entries: Array<[string, FmValue]>;
}

export interface ParsedFrontmatter {
  block: FrontmatterBlock | null;
  data: Frontmatter;
  /** Set when the YAML is invalid or not a mapping; `data` is then empty. */
  error: string | null;
}

export const EMPTY_FRONTMATTER: Frontmatter = { map: new Map(), entries: [] };

function isFenceLine(text: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  if (text.charCodeAt(start) !== 45 || text.charCodeAt(start + 1) !== 45 || text.charCodeAt(start + 2) !== 45) return false;
  for (let i = start + 3; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Where a note's body starts: after its frontmatter block, else after a byte order mark. */
export function bodyStartOf(text: string, block: FrontmatterBlock | null): number {
  return block ? block.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** Finds the frontmatter block: a first line `---` (after an optional BOM) up to the next `---` line. */
export function findFrontmatter(text: string): FrontmatterBlock | null {
  const open = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let nl = text.indexOf("\n", open);
  if (nl < 0 || !isFenceLine(text, open, nl)) return null;
  const yamlStart = nl + 1;
  let start = yamlStart;
  while (start <= text.length) {
    nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    if (isFenceLine(text, start, end)) {
      return { open, yamlStart, yamlEnd: start, end: nl < 0 ? text.length : nl + 1 };
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return null;
}

/** A value whose strings share no memory with the note text (see `detach`). */
function detachValue(v: FmValue): FmValue {
  if (v === null) return null;
  if (typeof v === "string") return detach(v);
  if (Array.isArray(v)) return v.map(detachValue);
  const obj: FmObject = Object.create(null) as FmObject;
  for (const k of Object.keys(v)) obj[k] = detachValue(v[k] ?? null);
  return obj;
}

function fromEntries(raw: Array<[string, FmValue]>): Frontmatter {
  return frontmatterOf(raw.map(([k, v]): [string, FmValue] => [detach(k), detachValue(v)]));
}

/** The frontmatter with these entries: keys lower-cased in the map, the first of several spellings winning. */
export function frontmatterOf(entries: Array<[string, FmValue]>): Frontmatter {
  const map = new Map<string, FmValue>();
  for (const [k, v] of entries) {
    const key = k.toLowerCase();
    if (!map.has(key)) map.set(key, v);
  }
  return { map, entries };
}

const MAX_DEPTH = 64;

/** `[[X]]` unquoted is read by YAML as a list holding a list holding "X": it means the link. */
function unquotedLink(node: YamlNode): string | null {
  if (!isSeq(node) || node.items.length !== 1) return null;
  const inner = node.items[0];
  if (!isSeq(inner) || inner.items.length !== 1) return null;
  const s = inner.items[0];
  if (!isScalar(s) || s.value === null || typeof s.value === "object") return null;
  return `[[${scalarText(s)}]]`;
}

function scalarText(s: Scalar): string {
  if (s.type === Scalar.PLAIN && typeof s.source === "string") return s.source;
  return String(s.value);
}

const MAX_NODES = 100_000;

interface Budget {
  nodes: number;
  /** Aliases read as written (`*a`, marked with a NUL no scalar holds), not resolved. */
  keepAliases: boolean;
}

function convert(node: unknown, doc: Document, depth: number, seen: Set<unknown>, budget: Budget): FmValue {
  if (depth > MAX_DEPTH) throw new Error("frontmatter nests too deeply");
  // Aliases can multiply a small text into a huge value ("billion laughs"): cap the work.
  if (++budget.nodes > MAX_NODES) throw new Error("frontmatter expands to too many values");
  if (node === null || node === undefined) return null;
  if (isAlias(node) && budget.keepAliases) return `\u0000*${node.source}`;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target || seen.has(target)) throw new Error("frontmatter alias refers to itself");
    seen.add(target);
    const v = convert(target, doc, depth + 1, seen, budget);
    seen.delete(target);
    return v;
  }
  if (isScalar(node)) {
    if (node.value === null || node.value === undefined) return null;
    return scalarText(node);
  }
  if (isSeq(node)) {
    const link = unquotedLink(node);
    if (link !== null) return link;
    return node.items.map((item) => convert(item, doc, depth + 1, seen, budget));
  }
  if (isMap(node)) {
    assertUniqueKeys(node.items);
    const obj: FmObject = Object.create(null) as FmObject;
    for (const pair of node.items) {
      const k = pair.key;
      const key = isScalar(k) ? (k.value === null ? "" : scalarText(k)) : String(k);
      if (!(key in obj)) obj[key] = convert(pair.value, doc, depth + 1, seen, budget);
    }
    return obj;
  }
  return null;
}

/** YAML's rule (as the library applies it): two scalar keys with the same value are duplicates. */
function assertUniqueKeys(pairs: ReadonlyArray<{ key: unknown }>): void {
  const seen = new Set<string>();
  for (const pair of pairs) {
    const k = pair.key;
    if (!isScalar(k)) continue;
    const id = `${typeof k.value}\u0000${String(k.value)}`;
    if (seen.has(id)) throw new Error("Map keys must be unique");
    seen.add(id);
  }
}

const MAX_FLOW_DEPTH = 64;
const MAX_INDENT = 512;

/**
 * How deeply the YAML nests, by brackets (quotes not considered: a string of 64 brackets is no
 * frontmatter anyone writes) and by indentation. The library is not asked about text nested
 * thousands deep: it can exhaust memory in a way no `catch` sees.
 */
function tooDeep(yamlText: string): boolean {
  let depth = 0;
  let indent = 0;
  let lineStart = true;
  for (let i = 0; i < yamlText.length; i++) {
    const c = yamlText.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) {
        if (++indent > MAX_INDENT) return true;
        continue;
      }
      lineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return true;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return false;
}

/**
 * Parses with the `yaml` library (YAML 1.2 core schema, duplicate keys invalid). With keepAliases,
 * an alias is its own value (`*a`), so that two texts can be compared as written.
 */
export function parseYamlFull(yamlText: string, keepAliases = false): { entries: Array<[string, FmValue]> } | { error: string } {
  if (tooDeep(yamlText)) return { error: "frontmatter nests too deeply" };
  let doc: Document;
  try {
    // Duplicate keys are checked below with a set: the library's own check compares every pair of
    // keys, which takes seconds for a frontmatter of many thousand keys.
    doc = parseDocument(yamlText, { schema: "core", uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    return { error: first.message.split("\n")[0] ?? "invalid YAML" };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
    return { entries: [] };
  }
  if (!isMap(contents)) {
    return { error: `frontmatter is a ${isSeq(contents) ? "list" : "scalar"}, not a mapping` };
  }
  try {
    const entries: Array<[string, FmValue]> = [];
    const seen = new Set<string>();
    const budget: Budget = { nodes: 0, keepAliases };
    assertUniqueKeys(contents.items);
    for (const pair of contents.items) {
      const k = pair.key;
      const key = isScalar(k) ? (k.value === null ? "" : scalarText(k)) : String(k);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push([key, convert(pair.value, doc, 1, new Set(), budget)]);
    }
    return { entries };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Splits and parses a note's frontmatter; the fast path handles the plain `key: value` shape. */
export function parseFrontmatter(text: string): ParsedFrontmatter {
  const block = findFrontmatter(text);
  if (!block) return { block: null, data: EMPTY_FRONTMATTER, error: null };
  const yamlText = text.slice(block.yamlStart, block.yamlEnd);
  const fast = parseSimpleYaml(yamlText);
  if (fast) return { block, data: fromEntries(fast), error: null };
  const full = parseYamlFull(yamlText);
  if ("error" in full) return { block, data: EMPTY_FRONTMATTER, error: detach(full.error) };
  return { block, data: fromEntries(full.entries), error: null };
}

// ---- reading values ----

/** A value read as a list: a scalar is a one-element list, null an empty one. */
export function asList(v: FmValue | undefined): FmValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A list, or a comma-separated string, of trimmed non-empty strings (aliases, topics). */
export function asStringList(v: FmValue | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const x of v) if (typeof x === "string" && x.trim() !== "") out.push(x.trim());
    return out;
  }
  return [];
}

/** Every string inside a value, walking into lists and maps, in order. */
export function collectStrings(v: FmValue | undefined, out: string[] = []): string[] {
  if (v === undefined || v === null) return out;
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out);
  else for (const k of Object.keys(v)) collectStrings(v[k] ?? null, out);
  return out;
}

/** True for null, "", an empty list, or a map: values that Account Status leaves out. */
export function isEmptyValue(v: FmValue | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.every((x) => isEmptyValue(x) || (typeof x === "object" && !Array.isArray(x)));
  return true;
}
