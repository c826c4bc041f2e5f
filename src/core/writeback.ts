// Ticks made on a customer page go back to the notes the tasks came from (§8).
import { itemText } from "./items";
import { parseWikiInner } from "./links";
import { compareNotes } from "./page";
import { findSections } from "./splice";
import { lineEnd, normaliseForDedup } from "./text";
import type { VaultIndex } from "./vault-index";

/** One status character to change in a source note. */
export interface TaskEdit {
  path: string;
  /** Offset of the status character (the space in `[ ]`). */
  offset: number;
  status: string;
  /** The whole line as it was when the edit was planned: it must still read so when applied. */
  line: string;
}

export interface WriteBackPlan {
  edits: TaskEdit[];
  warnings: string[];
}

const TICKED = /^[ \t]*[-*+][ \t]+\[([^ \]])\][ \t]+(.*)$/u;
const SOURCE = / \(\[\[([^\]\n]*)\]\]\)/g;

/**
 * Reads the ticked lines of a page's Open Tasks and finds the open tasks they stand for.
 * `textOf` gives the current text of a source note (to record the line that must still match).
 */
export function planWriteBack(index: VaultIndex, pagePath: string, pageText: string, textOf: (path: string) => string | undefined): WriteBackPlan {
  const settings = index.settings;
  const edits: TaskEdit[] = [];
  const warnings: string[] = [];
  if (!settings.managedSections.openTasks || !settings.openTasksAsCheckboxes) return { edits, warnings };
  const layout = findSections(pageText, settings);
  const section = layout.sections.find((s) => s.id === "openTasks");
  if (!section) return { edits, warnings };

  const related = [...index.relatedNotes(pagePath)].map((p) => index.note(p)!).sort(compareNotes);
  const sources = related.filter((n) => {
    const via = index.relationsOf(n.path).get(pagePath);
    return via === null || !index.isDirectForOther(n.path, pagePath);
  });
  const taken = new Set<string>();

  for (let l = section.bodyStartLine; l < section.bodyEndLine; l++) {
    const start = layout.lineStart[l]!;
    const line = pageText.slice(start, lineEnd(pageText, start));
    const m = TICKED.exec(line);
    if (!m) continue;
    const status = m[1]!;
    let rest = m[2]!;
    let named: string | null = null;
    if (settings.sourceLinks) {
      let last: RegExpExecArray | null = null;
      SOURCE.lastIndex = 0;
      let s: RegExpExecArray | null;
      while ((s = SOURCE.exec(rest)) !== null) last = s;
      if (last) {
        const link = parseWikiInner(last[1]!);
        if (link) named = index.resolve(link.target, pagePath);
        rest = rest.slice(0, last.index);
      }
    }
    const wanted = normaliseForDedup(rest);
    // The named source first, then every §6 source (de-duplication folded their tasks into this line).
    const order = named ? [named, ...sources.map((n) => n.path).filter((p) => p !== named)] : sources.map((n) => n.path);
    let found = 0;
    for (const path of order) {
      const note = index.note(path);
      if (!note) continue;
      const link = index.resolver.linkText(path);
      for (const item of note.items) {
        if (item.section !== "openTasks" || item.taskOffset < 0) continue;
        const key = `${path}\u0000${item.taskOffset}`;
        if (taken.has(key)) continue;
        if (normaliseForDedup(itemText(item, link)) !== wanted) continue;
        const text = textOf(path);
        if (text === undefined || text.charAt(item.taskOffset) !== " ") continue;
        const ls = text.lastIndexOf("\n", item.taskOffset) + 1;
        taken.add(key);
        edits.push({ path, offset: item.taskOffset, status, line: text.slice(ls, lineEnd(text, ls)) });
        found++;
        // Identical task lines in one note: the first open one takes the tick (Obsidian Tasks' rule).
        break;
      }
    }
    if (found === 0) warnings.push(`ticked task not found in its source, tick dropped: ${line.trim()}`);
  }
  return { edits, warnings };
}

/**
 * Applies the edits meant for one note to its current text. An edit whose line no longer reads as
 * planned is skipped and reported, as Obsidian Tasks does.
 */
export function applyTaskEdits(text: string, edits: readonly TaskEdit[]): { text: string; applied: TaskEdit[]; skipped: TaskEdit[] } {
  const applied: TaskEdit[] = [];
  const skipped: TaskEdit[] = [];
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    const ls = out.lastIndexOf("\n", e.offset - 1) + 1;
    const current = out.slice(ls, lineEnd(out, ls));
    if (current !== e.line || out.charAt(e.offset) !== " ") {
      skipped.push(e);
      continue;
    }
    out = out.slice(0, e.offset) + e.status + out.slice(e.offset + 1);
    applied.push(e);
  }
  return { text: out, applied, skipped };
}
