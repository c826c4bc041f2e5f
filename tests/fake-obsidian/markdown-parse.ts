import { getFrontMatterInfo, parseYaml } from "./frontmatter";

// A line-based approximation of Obsidian's Markdown indexer: enough for frontmatter, headings,
// links, embeds, tags, list items, block ids and sections as plugins commonly read them.

export interface Loc {
  line: number;
  col: number;
  offset: number;
}
export interface Pos {
  start: Loc;
  end: Loc;
}
export interface CacheItem {
  position: Pos;
}
export interface Reference {
  link: string;
  original: string;
  displayText?: string;
}
export interface ReferenceCache extends Reference, CacheItem {}
export type LinkCache = ReferenceCache;
export type EmbedCache = ReferenceCache;
export interface FrontmatterLinkCache extends Reference {
  key: string;
}
export interface TagCache extends CacheItem {
  tag: string;
}
export interface HeadingCache extends CacheItem {
  heading: string;
  level: number;
}
export interface SectionCache extends CacheItem {
  id?: string | undefined;
  type: string;
}
export interface ListItemCache extends CacheItem {
  id?: string | undefined;
  task?: string | undefined;
  parent: number;
}
export interface BlockCache extends CacheItem {
  id: string;
}
export interface FootnoteCache extends CacheItem {
  id: string;
}
export interface FootnoteRefCache extends CacheItem {
  id: string;
}
export interface ReferenceLinkCache extends CacheItem {
  id: string;
  link: string;
}
export type FrontMatterCache = Record<string, unknown>;

export interface CachedMetadata {
  links?: LinkCache[];
  embeds?: EmbedCache[];
  tags?: TagCache[];
  headings?: HeadingCache[];
  footnotes?: FootnoteCache[];
  footnoteRefs?: FootnoteRefCache[];
  referenceLinks?: ReferenceLinkCache[];
  sections?: SectionCache[];
  listItems?: ListItemCache[];
  frontmatter?: FrontMatterCache;
  frontmatterPosition?: Pos;
  frontmatterLinks?: FrontmatterLinkCache[];
  blocks?: Record<string, BlockCache>;
}

interface Line {
  text: string;
  start: number;
  index: number;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d+[.)])(?:[ \t]+|$)(?:\[(.)\](?:[ \t]|$))?/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)[ \t]*$/;
const TAG = /(^|[\s(])#([^\s#!@$%^&*(),.?":{}|<>[\]\\'`;=+~]+)/g;
const WIKILINK = /(!?)\[\[([^\][]+?)\]\]/g;
const MDLINK = /(!?)\[([^\][]*)\]\(([^()\s]+|<[^>]+>)(?:\s+"[^"]*")?\)/g;
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ text: text.slice(start, end).replace(/\r$/, ""), start, index: index++ });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

function loc(line: Line, col: number): Loc {
  return { line: line.index, col, offset: line.start + col };
}

function pos(line: Line, from: number, to: number, endLine: Line = line): Pos {
  return { start: loc(line, from), end: loc(endLine, to) };
}

/** Inline code spans and %% comments keep their length but lose their meaning. */
function maskInline(text: string): string {
  return text
    .replace(/(`+)(.+?)\1/g, (m) => " ".repeat(m.length))
    .replace(/%%.*?%%/g, (m) => " ".repeat(m.length));
}

function splitAlias(inner: string): { link: string; display?: string } {
  const bar = inner.indexOf("|");
  if (bar === -1) return { link: inner.trim() };
  return { link: inner.slice(0, bar).trim(), display: inner.slice(bar + 1) };
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

function collectFrontmatterLinks(value: unknown, key: string, out: FrontmatterLinkCache[]): void {
  if (typeof value === "string") {
    for (const m of value.matchAll(/\[\[([^\][]+?)\]\]/g)) {
      const { link, display } = splitAlias(m[1] ?? "");
      out.push({ key, link, original: m[0], displayText: display ?? link });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collectFrontmatterLinks(v, `${key}.${i}`, out));
  }
}

export function computeMetadata(text: string): CachedMetadata {
  const cache: CachedMetadata = {};
  const lines = splitLines(text);
  const sections: SectionCache[] = [];
  let firstBodyLine = 0;

  const fm = getFrontMatterInfo(text);
  if (fm.exists) {
    const closeLine = (lines.find((l) => l.start === fm.to) ?? lines[lines.length - 1]) as Line;
    const position = pos(lines[0] as Line, 0, closeLine.text.length, closeLine);
    try {
      const data = parseYaml(fm.frontmatter);
      if (data && typeof data === "object" && !Array.isArray(data)) {
        cache.frontmatter = data as FrontMatterCache;
        const links: FrontmatterLinkCache[] = [];
        for (const [k, v] of Object.entries(data)) collectFrontmatterLinks(v, k, links);
        if (links.length) cache.frontmatterLinks = links;
      }
    } catch {
      // Invalid YAML: Obsidian shows the block but indexes no properties.
    }
    cache.frontmatterPosition = position;
    sections.push({ type: "yaml", position });
    firstBodyLine = closeLine.index + 1;
  }

  const headings: HeadingCache[] = [];
  const links: LinkCache[] = [];
  const embeds: EmbedCache[] = [];
  const tags: TagCache[] = [];
  const listItems: ListItemCache[] = [];
  const blocks: Record<string, BlockCache> = {};
  const listStack: { indent: number; line: number }[] = [];
  let listStart = -1;

  let fence: string | null = null;
  let section: { type: string; first: Line; last: Line } | null = null;
  const closeSection = () => {
    if (section) sections.push({ type: section.type, position: pos(section.first, 0, section.last.text.length, section.last) });
    section = null;
  };
  // A function, so the type checker does not narrow `section` as if the closures never ran.
  const sectionType = (): string | null => section?.type ?? null;
  const continueSection = (type: string, line: Line) => {
    if (section && section.type === type) section.last = line;
    else {
      closeSection();
      section = { type, first: line, last: line };
    }
  };

  for (const line of lines.slice(firstBodyLine)) {
    const raw = line.text;
    if (fence !== null) {
      continueSection("code", line);
      if (raw.trimStart().startsWith(fence)) {
        fence = null;
        closeSection();
      }
      continue;
    }
    const fenceMatch = FENCE.exec(raw);
    if (fenceMatch) {
      fence = (fenceMatch[1] ?? "```").slice(0, 3);
      closeSection();
      continueSection("code", line);
      continue;
    }
    if (raw.trim() === "") {
      closeSection();
      continue;
    }

    const masked = maskInline(raw);
    const heading = HEADING.exec(raw);
    const list = LIST_ITEM.exec(raw);
    let type: string;
    if (heading) {
      type = "heading";
      headings.push({ heading: (heading[2] ?? "").trim(), level: (heading[1] ?? "#").length, position: pos(line, 0, raw.length) });
      closeSection();
    } else if (/^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$/.test(raw)) {
      type = "thematicBreak";
      closeSection();
    } else if (list) {
      type = "list";
      const indent = (list[1] ?? "").replace(/\t/g, "    ").length;
      while ((listStack.at(-1)?.indent ?? -1) >= indent) listStack.pop();
      if (listStack.length === 0 && sectionType() !== "list") listStart = line.index;
      const parentItem = listStack[listStack.length - 1];
      const item: ListItemCache = { parent: parentItem ? parentItem.line : -listStart, position: pos(line, (list[1] ?? "").length, raw.length) };
      if (list[3] !== undefined) item.task = list[3];
      const id = BLOCK_ID.exec(raw);
      if (id) item.id = id[1];
      listItems.push(item);
      listStack.push({ indent, line: line.index });
    } else if (/^[ \t]*>/.test(raw)) {
      type = /^[ \t]*>\s*\[!/.test(raw) ? "callout" : "blockquote";
      if (sectionType() === "callout") type = "callout";
    } else if (/^[ \t]*\|/.test(raw)) {
      type = "table";
    } else if (/^[ \t]*</.test(raw)) {
      type = "html";
    } else {
      type = sectionType() === "list" && /^[ \t]+/.test(raw) ? "list" : "paragraph";
    }
    if (type !== "list" && listStack.length && !/^[ \t]+/.test(raw)) listStack.length = 0;
    continueSection(type, line);
    if (type === "heading" || type === "thematicBreak") closeSection();

    const blockId = BLOCK_ID.exec(raw);
    if (blockId && blockId[1]) {
      const id = blockId[1];
      blocks[id.toLowerCase()] = { id, position: pos(line, 0, raw.length) };
    }

    for (const m of masked.matchAll(WIKILINK)) {
      const col = m.index ?? 0;
      const original = raw.slice(col, col + m[0].length);
      const { link, display } = splitAlias(m[2] ?? "");
      const ref: ReferenceCache = { link, original, displayText: display ?? link, position: pos(line, col, col + m[0].length) };
      (m[1] ? embeds : links).push(ref);
    }
    for (const m of masked.matchAll(MDLINK)) {
      const target = (m[3] ?? "").replace(/^<|>$/g, "");
      if (EXTERNAL.test(target)) continue;
      const col = m.index ?? 0;
      const ref: ReferenceCache = {
        link: safeDecode(target),
        original: raw.slice(col, col + m[0].length),
        displayText: m[2] ?? "",
        position: pos(line, col, col + m[0].length),
      };
      (m[1] ? embeds : links).push(ref);
    }
    // A heading's own leading hashes are not a tag; tags inside the heading text are.
    const tagSource = heading ? masked.replace(/^#+/, (h) => " ".repeat(h.length)) : masked;
    for (const m of tagSource.matchAll(TAG)) {
      const name = m[2] ?? "";
      if (/^\d+$/.test(name)) continue;
      const col = (m.index ?? 0) + (m[1] ?? "").length;
      tags.push({ tag: `#${name}`, position: pos(line, col, col + name.length + 1) });
    }
  }
  closeSection();

  if (headings.length) cache.headings = headings;
  if (links.length) cache.links = links;
  if (embeds.length) cache.embeds = embeds;
  if (tags.length) cache.tags = tags;
  if (listItems.length) cache.listItems = listItems;
  if (Object.keys(blocks).length) cache.blocks = blocks;
  if (sections.length) cache.sections = sections;
  return cache;
}
