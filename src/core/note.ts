// Everything the engine needs from one note, computed from its path and text alone, so that a
// note is parsed once and re-parsed only when it changes.
import { escapedAt } from "./char-codes";
import { cleanMarkdown, cutSummary } from "./clean";
import { dateFromBasename, dateFromValue, type NoteDate } from "./dates";
import { asStringList, bodyStartOf, parseFrontmatter, type Frontmatter, type FrontmatterBlock } from "./frontmatter";
import { harvestItems, joinLines, type Item } from "./items";
import { classify, type Kind } from "./kinds";
import { extractBodyLinks, extractFrontmatterLinks, type LinkRef } from "./links";
import { lineTextAt, scanMarkdown, type Scan } from "./markdown";
import { maskHidden, type Range } from "./ranges";
import type { Settings } from "./settings";
import { generatedRanges } from "./splice";
import { basenameOf, crAsLf, detach, folderOf, FOOTNOTE_DEF, nfc } from "./text";

export interface ParsedNote {
  path: string;
  basename: string;
  folder: string;
  kind: Kind;
  fm: Frontmatter;
  /** Why the frontmatter was ignored (invalid YAML, not a mapping), or null. */
  fmError: string | null;
  fmBlock: FrontmatterBlock | null;
  /**
   * A customer page's frontmatter as written (the YAML between the `---` lines; null without
   * one, and for every other kind): renderPage reuses `fm` for a page text whose frontmatter is
   * this one, and parses the text's own otherwise (an editor's unsaved frontmatter).
   */
  fmText: string | null;
  date: NoteDate | null;
  /** Frontmatter links first, then body links in file order. */
  links: LinkRef[];
  /** Aliases (`aliases` and `alias`), trimmed. */
  aliases: string[];
  /** Whitespace only: what Obsidian creates when an unresolved link is clicked (§3 step 4). */
  empty: boolean;
  /** Recent Context summary, already cleaned and cut; null when there is none. */
  summary: string | null;
  items: Item[];
  /**
   * A customer page's generated text (§5), as flat offsets [start, end) of its managed bodies:
   * links there are the page's own output, and their warnings belong to the notes they came from.
   */
  generated: number[];
}

export interface NoteParse {
  note: ParsedNote;
  /** Visible body text with links and URLs masked, for mention matching (§5); "" for entities. */
  mentionText: string;
}

function frontmatterDate(fm: Frontmatter, key: string): NoteDate | null {
  const v = fm.map.get(key);
  if (typeof v === "string") return dateFromValue(v);
  return null;
}

export function noteDate(fm: Frontmatter, basename: string): NoteDate | null {
  return frontmatterDate(fm, "date") ?? frontmatterDate(fm, "meeting_date") ?? dateFromBasename(basename) ?? frontmatterDate(fm, "created");
}

function frontmatterSummary(fm: Frontmatter): string | null {
  for (const key of ["summary", "description"]) {
    const v = fm.map.get(key);
    if (typeof v === "string") {
      const s = cleanMarkdown(v);
      if (s !== "") return s;
    }
  }
  return null;
}

/**
 * `text` from `from` on, with the ranges (offsets into `text`, at or after `from`) masked by a
 * character that is neither a letter nor whitespace, so they end every word.
 */
function maskSpans(text: string, from: number, spans: readonly Range[]): string {
  if (spans.length === 0) return from === 0 ? text : text.slice(from);
  let out = "";
  let pos = from;
  for (const s of spans) {
    if (s.start < pos) {
      pos = Math.max(pos, s.end);
      continue;
    }
    out += text.slice(pos, s.start) + "\u0001";
    pos = s.end;
  }
  return out + text.slice(pos);
}

// A line's quote markers (after its indentation: a quote in a list item; `> >` nested). Lines end at
// `\n` and `\r` only, as in CommonMark: the `m` flag's `^` would also start one after U+2028.
const QUOTE_MARKERS = /(^|[\n\r])([ \t]*>[ \t>]*)/g;

/**
 * The text (offsets as the note's) with each line's blockquote markers as spaces: they are no text, so
 * a name wrapped over a quote's or callout's lines (`> Big` / `> Blue`) is one run of words, as
 * Obsidian shows it, and §5's whitespace between a term's words finds it. A `>` inside a line stays:
 * text, an edge; so does one the scan reads as a line's text (B35-E): in raw HTML, where Obsidian
 * reads no markdown, and four columns into a paragraph's continuation (`Big` / `    > Blue`).
 */
function blankQuoteMarkers(s: string, scan: Pick<Scan, "lineStart" | "rawHtml" | "textGt">): string {
  if (!s.includes(">")) return s;
  const { lineStart, rawHtml, textGt } = scan;
  // Matches come in text order: the line, the next raw HTML line and the next text `>` only move forward.
  let line = 0;
  let k = 0;
  let g = 0;
  return s.replace(QUOTE_MARKERS, (m: string, eol: string, markers: string, at: number) => {
    const start = at + eol.length;
    if (k < rawHtml.length) {
      while (line + 1 < lineStart.length && lineStart[line + 1]! <= start) line++;
      while (k < rawHtml.length && rawHtml[k]! < line) k++;
      if (rawHtml[k] === line) return m;
    }
    while (g < textGt.length && textGt[g]! < start) g++;
    // The markers end where the line's text starts.
    const end = g < textGt.length && textGt[g]! < start + markers.length ? textGt[g]! - start : markers.length;
    return eol + markers.slice(0, end).replace(/>/g, " ") + markers.slice(end);
  });
}

const NO_ALIASES = Object.freeze([]) as unknown as string[];
const NO_RANGES = Object.freeze([]) as unknown as number[];

/** A whole link reference definition line (`[docs]: https://…`). */
const LINK_DEF = /^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<[^>\n]*>|\S+)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/;
const FOOTNOTE_LABEL = new RegExp(FOOTNOTE_DEF.source, "gm");
const NO_LABELS: ReadonlySet<string> = new Set();

/** The labels (lower case: labels match ignoring case) of the footnotes a note's visible text defines. */
function footnoteLabels(visible: string): ReadonlySet<string> {
  if (!visible.includes("[^")) return NO_LABELS;
  const out = new Set<string>();
  FOOTNOTE_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FOOTNOTE_LABEL.exec(visible)) !== null) out.add(m[1]!.toLowerCase());
  return out;
}

export function parseNote(path: string, raw: string, settings: Settings): NoteParse {
  // Lone CRs are line breaks in Obsidian; the scanner splits at LF (crAsLf keeps every offset).
  const text = crAsLf(raw);
  const parsedFm = parseFrontmatter(text);
  const fm = parsedFm.data;
  const basename = basenameOf(path);
  const kind = classify(path, fm, settings);
  const bodyStart = bodyStartOf(text, parsedFm.block);
  const scan = scanMarkdown(text, bodyStart);
  const hidden = bodyStart > 0 ? [{ start: 0, end: bodyStart }, ...scan.hidden] : scan.hidden;
  const visible = maskHidden(text, hidden);
  const body = extractBodyLinks(visible, 0, scan, text);
  const links = [...extractFrontmatterLinks(fm), ...body.links];
  const aliasList = [...asStringList(fm.map.get("aliases")), ...asStringList(fm.map.get("alias"))];
  // Most notes have none: they share one frozen empty list (fewer objects to keep and to collect).
  const aliases = aliasList.length === 0 ? NO_ALIASES : aliasList;

  let summary: string | null = null;
  let items: Item[] = [];
  let mentionText = "";
  if (kind === "meeting" || kind === "note") {
    summary = frontmatterSummary(fm);
    if (summary === null) {
      const footnotes = footnoteLabels(visible);
      for (const [start, last] of scan.paragraphs) {
        // A footnote definition is no paragraph of the note's text (Obsidian shows it at the bottom),
        // nor is a link reference definition (CommonMark); text after the latter is.
        let first = start;
        while (first <= last && LINK_DEF.test(lineTextAt(text, scan, first))) first++;
        if (first > last || FOOTNOTE_DEF.test(lineTextAt(text, scan, first))) continue;
        const lines: Range[] = [];
        for (let l = first; l <= last; l++) lines.push({ start: scan.lineStart[l]!, end: summaryLineEnd(text, scan.lineStart[l]!, scan.lineEnd[l]!, l < last) });
        const s = cleanMarkdown(joinLines(text, visible, lines, scan.comments).text, footnotes);
        if (s !== "") {
          summary = s;
          break;
        }
      }
    }
    if (summary !== null) summary = cutSummary(summary);
    items = harvestItems(text, visible, scan);
    // Blanked before the links are masked: the offsets are still the note's, the scan's lines.
    mentionText = nfc(maskSpans(blankQuoteMarkers(visible, scan), bodyStart, body.maskSpans));
  }

  // What the note keeps must not keep the note's text alive (see `detach`).
  for (const l of links) {
    l.target = detach(l.target);
    if (l.subpath !== null) l.subpath = detach(l.subpath);
    if (l.alias !== null) l.alias = detach(l.alias);
    if (l.dest !== undefined) l.dest = detach(l.dest);
  }
  for (const item of items) {
    item.text = detach(item.text);
    if (item.blockId !== null) item.blockId = detach(item.blockId);
  }
  if (summary !== null) summary = detach(summary);

  return {
    note: {
      path,
      basename,
      folder: folderOf(path),
      kind,
      fm,
      fmError: parsedFm.error,
      fmBlock: parsedFm.block,
      fmText: kind === "customer" && parsedFm.block !== null ? detach(text.slice(parsedFm.block.yamlStart, parsedFm.block.yamlEnd)) : null,
      date: noteDate(fm, basename),
      links,
      aliases,
      // A customer page is never the placeholder Obsidian leaves for an unresolved link: the tool is
      // about to write into it, and a link to it must not change target when it does.
      empty: kind !== "customer" && text.trim() === "",
      summary,
      items,
      generated: kind === "customer" ? generatedRanges(text, settings, scan) : NO_RANGES,
    },
    mentionText,
  };
}

/**
 * A paragraph line's end for the summary: a backslash ending a line that another follows is a hard
 * line break (CommonMark), markup like emphasis, so it goes (`Acme a,\` / `b` reads "Acme a, b").
 */
function summaryLineEnd(text: string, start: number, end: number, more: boolean): number {
  if (!more || end <= start || text.charCodeAt(end - 1) !== 92) return end;
  return escapedAt(text, end, start) ? end - 1 : end;
}
