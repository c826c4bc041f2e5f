import { parse, stringify } from "yaml";
import type {
  BlockCache,
  CachedMetadata,
  FootnoteCache,
  HeadingCache,
  ListItemCache,
  Loc,
  Reference,
  ReferenceCache,
} from "./markdown-parse";

export interface FrontMatterInfo {
  exists: boolean;
  frontmatter: string;
  from: number;
  to: number;
  contentStart: number;
}

// Obsidian reads YAML 1.2 without converting dates, so `date: 2024-01-15` stays a string;
// the `yaml` package's default core schema does the same.
export function parseYaml(yaml: string): unknown {
  return parse(yaml);
}

export function stringifyYaml(obj: unknown): string {
  return stringify(obj);
}

/** Frontmatter is a `---` line at the very start, closed by the next `---` line. */
export function getFrontMatterInfo(content: string): FrontMatterInfo {
  const none: FrontMatterInfo = { exists: false, frontmatter: "", from: 0, to: 0, contentStart: 0 };
  const open = /^---[ \t]*\r?\n/.exec(content);
  if (!open) return none;
  const from = open[0].length;
  for (let pos = from; pos <= content.length; ) {
    const nl = content.indexOf("\n", pos);
    const lineEnd = nl === -1 ? content.length : nl;
    if (/^---[ \t]*\r?$/.test(content.slice(pos, lineEnd))) {
      const contentStart = nl === -1 ? content.length : nl + 1;
      return { exists: true, frontmatter: content.slice(from, pos), from, to: pos, contentStart };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return none;
}

type FrontMatter = Record<string, unknown> | null | undefined;

function findKey(frontmatter: FrontMatter, key: string | RegExp): string | null {
  if (!frontmatter || typeof frontmatter !== "object") return null;
  for (const k of Object.keys(frontmatter)) {
    if (typeof key === "string" ? k === key : key.test(k)) return k;
  }
  return null;
}

export function parseFrontMatterEntry(frontmatter: FrontMatter, key: string | RegExp): unknown {
  const k = findKey(frontmatter, key);
  return k === null ? null : (frontmatter as Record<string, unknown>)[k] ?? null;
}

export function parseFrontMatterStringArray(frontmatter: FrontMatter, key: string | RegExp, nospaces?: boolean): string[] | null {
  const value = parseFrontMatterEntry(frontmatter, key);
  if (value === null || value === undefined) return null;
  const split = (s: string): string[] => (nospaces ? s.split(/[,\s]+/) : s.split(",")).map((x) => x.trim()).filter(Boolean);
  const out: string[] = [];
  if (typeof value === "string") out.push(...split(value));
  else if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === "string") out.push(...(nospaces ? split(item) : [item.trim()].filter(Boolean)));
      else if (typeof item === "number") out.push(String(item));
    }
  } else if (typeof value === "number") out.push(String(value));
  return out.length ? out : null;
}

export function parseFrontMatterTags(frontmatter: FrontMatter): string[] | null {
  const tags = parseFrontMatterStringArray(frontmatter, /^tags?$/i, true);
  return tags ? tags.map((t) => (t.startsWith("#") ? t : `#${t}`)) : null;
}

export function parseFrontMatterAliases(frontmatter: FrontMatter): string[] | null {
  return parseFrontMatterStringArray(frontmatter, /^alias(es)?$/i, false);
}

export function getAllTags(cache: CachedMetadata): string[] | null {
  const tags: string[] = [];
  const fromFrontmatter = parseFrontMatterTags(cache.frontmatter ?? null);
  if (fromFrontmatter) tags.push(...fromFrontmatter);
  for (const t of cache.tags ?? []) tags.push(t.tag);
  return tags;
}

export function parseLinktext(linktext: string): { path: string; subpath: string } {
  const i = linktext.indexOf("#");
  return i === -1 ? { path: linktext, subpath: "" } : { path: linktext.slice(0, i), subpath: linktext.slice(i) };
}

export function getLinkpath(linktext: string): string {
  return parseLinktext(linktext).path;
}

export function stripHeading(heading: string): string {
  return heading
    .replace(/[!"#$%&()*+,.:;<=>?@^`{|}~/[\]\\\r\n]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function stripHeadingForLink(heading: string): string {
  return heading.replace(/([:#|^\\\r\n]|%%|\[\[|]])/g, " ").replace(/\s+/g, " ").trim();
}

export interface SubpathResult {
  start: Loc;
  end: Loc | null;
}
export interface HeadingSubpathResult extends SubpathResult {
  type: "heading";
  current: HeadingCache;
  next: HeadingCache;
}
export interface BlockSubpathResult extends SubpathResult {
  type: "block";
  block: BlockCache;
  list?: ListItemCache;
}
export interface FootnoteSubpathResult extends SubpathResult {
  type: "footnote";
  footnote: FootnoteCache;
}

export function resolveSubpath(
  cache: CachedMetadata,
  subpath: string,
): HeadingSubpathResult | BlockSubpathResult | FootnoteSubpathResult | null {
  if (!cache || !subpath) return null;
  const sp = subpath.replace(/^#/, "");
  if (sp.startsWith("^")) {
    const id = sp.slice(1).toLowerCase();
    const block = cache.blocks?.[id];
    if (!block) return null;
    const list = cache.listItems?.find((l) => l.id?.toLowerCase() === id);
    return { type: "block", block, list, start: block.position.start, end: block.position.end };
  }
  if (sp.startsWith("[^")) {
    const id = sp.slice(2, sp.endsWith("]") ? -1 : undefined);
    const footnote = cache.footnotes?.find((f) => f.id === id);
    return footnote ? { type: "footnote", footnote, start: footnote.position.start, end: footnote.position.end } : null;
  }
  // Headings nest: "A#B" is heading B somewhere under heading A.
  const parts = sp.split("#").map((p) => stripHeading(p).toLowerCase()).filter(Boolean);
  const headings = cache.headings ?? [];
  let from = 0;
  let current: HeadingCache | undefined;
  let currentIndex = -1;
  for (const part of parts) {
    let found = -1;
    for (let i = from; i < headings.length; i++) {
      const h = headings[i] as HeadingCache;
      if (current && i > currentIndex && h.level <= current.level) break;
      if (stripHeading(h.heading).toLowerCase() === part) {
        found = i;
        break;
      }
    }
    if (found === -1) return null;
    current = headings[found] as HeadingCache;
    currentIndex = found;
    from = found + 1;
  }
  if (!current) return null;
  let next: HeadingCache | undefined;
  for (let i = currentIndex + 1; i < headings.length; i++) {
    const h = headings[i] as HeadingCache;
    if (h.level <= current.level) {
      next = h;
      break;
    }
  }
  return {
    type: "heading",
    current,
    next: next as HeadingCache,
    start: current.position.start,
    end: next ? next.position.start : null,
  };
}

export function iterateRefs(refs: Reference[], cb: (ref: Reference) => boolean | void): boolean {
  for (const ref of refs) if (cb(ref)) return true;
  return false;
}

export function iterateCacheRefs(cache: CachedMetadata, cb: (ref: ReferenceCache) => boolean | void): boolean {
  for (const ref of cache.links ?? []) if (cb(ref)) return true;
  for (const ref of cache.embeds ?? []) if (cb(ref)) return true;
  return false;
}
