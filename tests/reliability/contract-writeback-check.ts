// The write-back check of contract-writeback.test.ts (and the plugin's, tests/plugin): generated vaults
// (contract-gen.ts) with open tasks of one text in several notes, of the customer and of others;
// the pages written once; then tasks closed or deleted in their notes meanwhile, and a random subset
// of the pages' Open Tasks lines ticked (`[x]`, `[X]`, `[-]`), as a user and their plugins leave
// them (numbered, Tasks dates, block ids, the text edited: `tick` below); the next run must change the
// characters of the notes that ContractModel.writeBack (written from §8 and the README's write-back
// paragraphs) changes, give the warnings it gives, and write the pages it then gives; a third run
// changes nothing.
import { expect } from "vitest";
import type { NoteDate } from "../../src/core/dates";
import { regenerate } from "../../src/core/regenerate";
import { cloneSettings, DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import { buildVault, type VaultSpec } from "./contract-gen";
import { ContractModel, normalise, renderNote, SECTION_ORDER, type GItem, type GNote } from "./contract-model";

/** Open tasks of these texts are added to notes: one text in several notes, normalised alike. */
const DUPLICATES = ["Send the contract", "send the contract.", "Send  the contract", "Book the venue", "book the venue:"];
const STATUSES = ["x", "X", "-"];

export function settingsFor(ignored: string[], sourceLinks = true): Settings {
  const s = cloneSettings(DEFAULT_SETTINGS);
  s.sourceLinks = sourceLinks;
  s.openTasksAsCheckboxes = true;
  s.ignoredPeople = ignored;
  s.excludedFolders = ["Archive"];
  return s;
}

interface Case {
  settings: Settings;
  customers: string[];
  /** The vault the pages were first written from (pages as the contract-gen writes them). */
  notes0: GNote[];
  files0: Record<string, string>;
  /** The notes after tasks were closed or deleted meanwhile. */
  notes1: GNote[];
}

/** A generated vault, its duplicate tasks added (pseudo-random from r). */
function makeCase(spec: VaultSpec, r0: number, sourceLinks: boolean, today: NoteDate): Case & { rnd: (n: number) => number } {
  const v = buildVault(spec);
  const settings = settingsFor(v.settings.ignored, sourceLinks);
  let r = r0 % 2147483648;
  const rnd = (n: number): number => {
    r = (r * 1103515245 + 12345) % 2147483648;
    return Math.floor(r / 65536) % n;
  };
  const notes0 = structuredClone(v.notes);
  const m = new ContractModel(notes0, settings, today);
  // Meetings and notes only, never an empty one (a task would make it a note that can be opened: §3 step 4).
  const eligible = notes0.filter((g) => ["meeting", "note"].includes(m.notes.get(g.path)!.kind) && renderNote(g).trim() !== "");
  if (eligible.length > 0) {
    const n = rnd(5);
    for (let k = 0; k < n; k++) {
      const g = eligible[rnd(eligible.length)]!;
      const task = (): GItem => ({ depth: 0, marker: "-", box: " ", emoji: null, toks: [{ k: "w", s: DUPLICATES[rnd(DUPLICATES.length)]! }], blockId: rnd(4) === 0 ? `w${k}` : null });
      const it = task();
      // Sometimes the same task on two identical lines of one note (README: only the first is ticked).
      g.blocks.push({ k: "items", items: rnd(3) === 0 ? [it, { ...it, blockId: null }, { ...it, blockId: null }] : [it] });
    }
  }
  const files0 = Object.fromEntries(notes0.map((g) => [g.path, v.files[g.path] !== undefined && v.customers.includes(g.path) ? v.files[g.path]! : renderNote(g)]));
  // Meanwhile, in the notes: some open tasks closed, some deleted (never one whose next item is
  // nested under it, nor a block's only item: the rest of the note reads as before).
  const notes1 = structuredClone(notes0);
  for (const g of notes1) {
    if (!["meeting", "note"].includes(m.notes.get(g.path)!.kind)) continue;
    for (const b of g.blocks) {
      if (b.k !== "items") continue;
      for (let i = 0; i < b.items.length; i++) {
        const it = b.items[i]!;
        if (it.box !== " ") continue;
        const roll = rnd(10);
        if (roll === 0) it.box = STATUSES[rnd(3)] as "x";
        // Only an item of words and tags: its links and mentions would change who is related (§5).
        else if (roll === 1 && it.toks.every((t) => t.k === "w" || t.k === "tag") && b.items.length > 1 && b.items[i + 1]?.depth !== 1 && !(i === 0 && b.items.length > 1 && b.items[1]!.depth === 1)) {
          b.items.splice(i, 1);
          i--;
        }
      }
    }
  }
  return { settings, customers: [...v.customers].sort(), notes0, files0, notes1, rnd };
}

export interface RunResult {
  files: Record<string, string>;
  warnings: Array<{ file: string; message: string }>;
  changedPages: string[];
  sources: string[];
}

export function engineRunner(today: NoteDate) {
  return async (files: Record<string, string>, settings: Settings, unreadable: ReadonlySet<string> = new Set()): Promise<RunResult> => runEngine(files, settings, today, unreadable);
}

async function runEngine(files: Record<string, string>, settings: Settings, today: NoteDate, unreadable: ReadonlySet<string>): Promise<RunResult> {
  const current = { ...files };
  const index = VaultIndex.build(Object.entries(current).map(([path, text]) => ({ path, text })), settings, settings.excludedFolders);
  const report = await regenerate(
    index,
    index.customerPaths(),
    {
      // Read into the index above; unreadable once the round reads it (as the CLI's tests' EIO hook).
      read: async (p) => {
        if (unreadable.has(p)) throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
        return current[p] ?? null;
      },
      write: async (p, expected, next) => {
        if (current[p] !== expected) return false;
        current[p] = next;
        return true;
      },
    },
    { today, write: true },
  );
  return { files: current, warnings: report.warnings, changedPages: report.pages.filter((p) => p.changed).map((p) => p.path), sources: report.sources.filter((s) => s.written).map((s) => s.path) };
}

/** The managed sections a page holds (`## Name` lines). */
function sectionsHeld(page: string): Set<string> {
  const names = new Set(SECTION_ORDER.map(([, n]) => n));
  return new Set(page.split("\n").filter((l) => l.startsWith("## ") && names.has(l.slice(3))).map((l) => l.slice(3)));
}

/** How a ticked line was changed besides its box (counted in `stats.edits`). */
type Edit = "numbered" | "stamp" | "blockId" | "stampAndId" | "words" | "alike" | "otherText" | "copied";

/**
 * Ticks a random subset of each page's Open Tasks lines; returns the pages and the ticks in page
 * (path), line order. Besides the box, as a user and their plugins leave a line: a page's list made
 * numbered ("Toggle numbered list": `1. [x] …`, `2) [ ] …`), a line's bullet changed to `*`; the
 * Tasks plugin's completion or cancel date appended (` ✅ 2025-11-01`, ` ❌ …`, or its Dataview
 * format `[completion:: …]`, `[cancelled:: …]`), a block id Obsidian appends when a link to the line
 * is copied, or both; the text edited: a word added (no task reads so: the tick is dropped), written
 * so that it reads alike (§6's normalised text: lower case, a trailing `.`), or replaced by another
 * task's text of the pool; a line (nothing at its end cut off) copied below itself, ticked with
 * another status or the same (README: two lines of one page ticking one task "are read top down").
 * Some lines not ticked have a word added too (no tick: the page replaces them).
 */
function tick(
  pages: Record<string, string>,
  customers: readonly string[],
  rnd: (n: number) => number,
  sourceLinks: boolean,
  today: NoteDate,
): { pages: Record<string, string>; ticks: Array<{ page: string; line: string; edit: string }> } {
  const out: Record<string, string> = {};
  const ticks: Array<{ page: string; line: string; edit: string }> = [];
  // Today or the day before (the line ticked yesterday, the run today).
  const day = (d: number): string => new Date(Date.UTC(today.year, today.month - 1, today.day! - d)).toISOString().slice(0, 10);
  // The line's task text and what follows it (` ([[…]])`, or nothing with source links off).
  const split = (body: string): [string, string] => {
    const at = sourceLinks ? body.lastIndexOf(" ([[") : body.length;
    return [body.slice(0, at), body.slice(at)];
  };
  for (const c of customers) {
    const lines = pages[c]!.split("\n");
    let inTasks = false;
    const numbered = rnd(4) === 0 ? (rnd(2) === 0 ? "." : ")") : null;
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.startsWith("## ")) {
        inTasks = l === "## Open Tasks";
        n = 0;
        continue;
      }
      if (!inTasks || !l.startsWith("- [ ] ")) continue;
      n++;
      const marker = numbered !== null ? `${n}${numbered}` : "-";
      let [text, link] = split(l.slice(6));
      if (rnd(2) !== 0) {
        if (rnd(10) === 0) text += " today";
        lines[i] = `${marker} [ ] ${text}${link}`;
        continue;
      }
      const status = STATUSES[rnd(3)]!;
      const edits: Edit[] = numbered !== null ? ["numbered"] : [];
      const stamp = (): string => {
        const d = day(rnd(2));
        return status === "-" ? (rnd(2) === 0 ? ` ❌ ${d}` : ` [cancelled:: ${d}]`) : rnd(2) === 0 ? ` ✅ ${d}` : ` [completion:: ${d}]`;
      };
      const textRoll = rnd(10);
      if (textRoll === 0) {
        text += " today";
        edits.push("words");
      } else if (textRoll === 1) {
        text = `${text.toLowerCase()}.`;
        edits.push("alike");
      } else if (textRoll === 2) {
        text = DUPLICATES[rnd(DUPLICATES.length)]!;
        edits.push("otherText");
      }
      const tailRoll = rnd(8);
      if (tailRoll === 0) {
        link += stamp();
        edits.push("stamp");
      } else if (tailRoll === 1) {
        link += ` ^a1b2c${i}`;
        edits.push("blockId");
      } else if (tailRoll === 2) {
        link += `${stamp()} ^e5f6${i}`;
        edits.push("stampAndId");
      }
      const edit = edits.length === 0 ? "none" : edits.join("+");
      lines[i] = `${numbered === null && rnd(8) === 0 ? "*" : marker} [${status}] ${text}${link}`;
      ticks.push({ page: c, line: lines[i]!, edit });
      // Drawn from the rolls above, not from rnd: every other draw of a vault stays as it was.
      if (textRoll === 3 && tailRoll >= 3) {
        const again = tailRoll <= 5 ? STATUSES[(STATUSES.indexOf(status) + 1) % STATUSES.length]! : status;
        lines.splice(++i, 0, `${marker} [${again}] ${text}${link}`);
        ticks.push({ page: c, line: lines[i]!, edit: edit === "none" ? "copied" : `${edit}+copied` });
      }
    }
    out[c] = lines.join("\n");
  }
  return { pages: out, ticks };
}

/** Per page, the normalised texts of its Open Tasks lines still open, bullet or numbered (the model's writeBack). */
function shownOpen(pages: Record<string, string>, customers: readonly string[], sourceLinks: boolean): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of customers) {
    const keys = new Set<string>();
    let inTasks = false;
    for (const l of pages[c]!.split("\n")) {
      if (l.startsWith("## ")) inTasks = l === "## Open Tasks";
      const m = inTasks ? /^(?:[-*+]|\d{1,9}[.)]) \[ \] (.*)$/.exec(l) : null;
      if (m === null) continue;
      keys.add(normalise(sourceLinks ? m[1]!.slice(0, m[1]!.lastIndexOf(" ([[")) : m[1]!));
    }
    out.set(c, keys);
  }
  return out;
}

/** The engine's warnings about ticks, as the model gives them: page, kind, the ticked line (at the message's end). */
function tickWarnings(ws: RunResult["warnings"], ticks: ReadonlyArray<{ page: string; line: string }>): string[] {
  return ws
    .filter((w) => /tick/i.test(w.message))
    .map((w) => {
      const kind = /^tick dropped|already closed/.test(w.message) ? "dropped" : /holds this task on identical lines/.test(w.message) ? "identical" : /ticked the same task|also ticks the same task/.test(w.message) ? "status" : `? ${w.message}`;
      const t = ticks.find((x) => x.page === w.file && w.message.endsWith(`: ${x.line}`));
      return `${w.file} ${kind} ${t?.line ?? `? ${w.message}`}`;
    })
    .sort();
}

/** What the checks met, over a property run (printed with CONTRACT_WRITEBACK_STATS=1). */
export const stats = { vaults: 0, ticks: 0, written: 0, dropped: 0, identical: 0, status: 0, unread: 0, kept: 0, edits: {} as Record<string, number> };

/**
 * One vault: the pages written, tasks closed or deleted meanwhile, lines ticked, the run that writes
 * them back compared with ContractModel.writeBack, then a run that changes nothing. `run` is the
 * engine in process, the CLI as a process or the plugin.
 */
export async function check(
  spec: VaultSpec,
  r: number,
  run: (files: Record<string, string>, settings: Settings, unreadable?: ReadonlySet<string>) => Promise<RunResult>,
  sourceLinks: boolean,
  today: NoteDate,
  /**
   * Whether to make notes unreadable during the round (read when the run starts, not when the ticks
   * are written back; `run` must be able to), in a quarter of the vaults or in every one.
   */
  unreadable: "never" | "sometimes" | "always" = "never",
): Promise<void> {
  const k = makeCase(spec, r, sourceLinks, today);
  const { settings, customers } = k;
  const m0 = new ContractModel(k.notes0, settings, today);
  // The first run writes the pages (the property test of contract-property checks them; here again).
  const first = await run(k.files0, settings);
  for (const c of customers) expect(first.files[c]).toBe(m0.page(c, k.files0[c]!).text);
  const { pages, ticks } = tick(first.files, customers, k.rnd, sourceLinks, today);
  // The model of the notes before each round (the one after a round is the next round's).
  let m1 = new ContractModel(k.notes1, settings, today);
  // Sometimes, one or two of the notes the ticks are written back to (as the model has it) cannot
  // be read then.
  const unread = new Set<string>();
  if (unreadable === "always" || (unreadable === "sometimes" && k.rnd(4) === 0)) {
    const holders = [...m1.writeBack(k.notes1, ticks, shownOpen(pages, customers, sourceLinks)).changed.keys()].sort();
    for (let n = 1 + k.rnd(2); n > 0 && holders.length > 0; n--) unread.add(holders.splice(k.rnd(holders.length), 1)[0]!);
  }
  let notes = k.notes1;
  let files: Record<string, string> = { ...Object.fromEntries(k.notes1.map((g) => [g.path, renderNote(g)])), ...pages };
  let roundTicks: ReadonlyArray<{ page: string; line: string }> = ticks;
  // A tick no note took stays ticked on its page (a note unreadable): the next run, the note
  // readable again, writes it back (README); then a run changes nothing.
  for (let round = 0; ; round++) {
    const wb = m1.writeBack(notes, roundTicks, shownOpen(files, customers, sourceLinks), unread);
    const m2 = new ContractModel(wb.notes, settings, today);
    const out = await run(files, settings, unread);
    const before = files;
    const dump = (): string =>
      `\n\nRound ${round}, unreadable: ${JSON.stringify([...unread])}\nTicks:\n${roundTicks.map((t) => `${t.page}: ${t.line}`).join("\n")}\nWarnings (model): ${JSON.stringify(wb.warnings)} kept ${JSON.stringify(wb.kept)}\nWarnings: ${JSON.stringify(out.warnings)}\n\nThe vault:\n${Object.entries(before)
        .map(([p, t]) => `==> ${p}\n${t}`)
        .join("\n")}`;
    try {
      for (const g of wb.notes) {
        if (customers.includes(g.path)) continue;
        expect({ note: g.path, text: out.files[g.path] }).toEqual({ note: g.path, text: renderNote(g) });
      }
      expect([...out.sources].sort()).toEqual([...wb.changed.keys()].sort());
      for (const c of customers) {
        const expected = keepOn(m2.page(c, k.files0[c]!, sectionsHeld(before[c]!)).text, wb.kept.filter((x) => x.page === c), sourceLinks);
        expect({ page: c, text: out.files[c] }).toEqual({ page: c, text: expected });
      }
      expect(tickWarnings(out.warnings.filter((w) => !LEFT_UNTICKED.test(w.message)), roundTicks)).toEqual(wb.warnings.map((w) => `${w.page} ${w.kind} ${w.line}`).sort());
      expect(out.warnings.filter((w) => LEFT_UNTICKED.test(w.message)).map((w) => w.file).sort()).toEqual(wb.unread);
    } catch (e) {
      (e as Error).message += dump();
      throw e;
    }
    if (round === 0) {
      stats.vaults++;
      for (const t of ticks) stats.edits[t.edit] = (stats.edits[t.edit] ?? 0) + 1;
    }
    stats.ticks += roundTicks.length;
    stats.written += [...wb.changed.values()].reduce((a, b) => a + b, 0);
    stats.unread += wb.unread.length;
    stats.kept += wb.kept.length;
    for (const w of wb.warnings) stats[w.kind]++;
    files = out.files;
    notes = wb.notes;
    m1 = m2;
    if (wb.kept.length === 0) break;
    expect(round).toBe(0);
    unread.clear();
    roundTicks = customers.flatMap((c) => ticksOn(files[c]!).map((line) => ({ page: c, line })));
  }
  // Then a run changes nothing.
  const last = await run(files, settings);
  expect(last.files).toEqual(files);
  expect(last.sources).toEqual([]);
  expect(last.changedPages).toEqual([]);
}

/** A note's warning that the ticks on its tasks could not be written back (it could not be read then). */
const LEFT_UNTICKED = /^cannot be read \(.*\); \d+ task\(s\) left unticked$/;

/** The ticked lines of a page's Open Tasks. */
function ticksOn(page: string): string[] {
  const out: string[] = [];
  let inTasks = false;
  for (const l of page.split("\n")) {
    if (l.startsWith("## ")) inTasks = l === "## Open Tasks";
    else if (inTasks && /^- \[[^ ]\] /.test(l)) out.push(l);
  }
  return out;
}

/** The page with the ticks kept ticked: the Open Tasks line of each one's text gets its status. */
function keepOn(page: string, kept: ReadonlyArray<{ key: string; status: string }>, sourceLinks: boolean): string {
  if (kept.length === 0) return page;
  let inTasks = false;
  return page
    .split("\n")
    .map((l) => {
      if (l.startsWith("## ")) inTasks = l === "## Open Tasks";
      else if (inTasks && l.startsWith("- [ ] ")) {
        const body = l.slice(6);
        const key = normalise(sourceLinks ? body.slice(0, body.lastIndexOf(" ([[")) : body);
        const k = kept.find((x) => x.key === key);
        if (k !== undefined) return `- [${k.status}] ${body}`;
      }
      return l;
    })
    .join("\n");
}

