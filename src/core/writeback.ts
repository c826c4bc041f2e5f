// Ticks made on a customer page go back to the notes the tasks came from (§8).
import { isExcluded } from "./exclusion";
import { bodyStartOf, findFrontmatter } from "./frontmatter";
import { formatDate, type NoteDate } from "./dates";
import { BLOCK_ID, itemText, type Item } from "./items";
import { parseWikiInner, percentDecode } from "./links";
import { scanMarkdown } from "./markdown";
import { parseNote, type ParsedNote } from "./note";
import { shownKey, sortNotes, sourceLink, splitSource } from "./page";
import { findSections } from "./splice";
import { crAsLf, lineEnd, normaliseForDedup } from "./text";
import type { VaultIndex } from "./vault-index";

/** A line the user ticked: which task text, which status, and where to look for it. */
export interface Tick {
  page: string;
  /** The page line as the user left it. */
  line: string;
  status: string;
  /** Normalised task text (§6). */
  wanted: string;
  /** The customer's §6 sources (one array for every tick of the page). */
  sources: readonly string[];
  /** The note the source link names, when it is one of C's §6 sources or the page would link it so (else null). */
  named: string | null;
  /**
   * Set when a Tasks date or block id was cut off the line (source links off) and the page cannot
   * tell which task of its text it is, while the sources hold one open: its warning says so, not
   * that no open task matches it.
   */
  untold?: true;
}

/**
 * The date the Tasks plugin stamps on a line it closes: ` ✅ date` (done) or ` ❌ date` (cancelled),
 * or in its Dataview format `  [completion:: date]`, `  [cancelled:: date]`. The white space before
 * it is checked apart (tasksDateStart): a leading `[ \t]+` here made a long run of spaces quadratic.
 */
const TASKS_DONE = /(?:[\u2705\u274C][ \t]*\d{4}-\d{2}-\d{2}|\[(?:completion|cancelled)::[ \t]*\d{4}-\d{2}-\d{2}[ \t]*\])[ \t]*$/u;

/** Where the Tasks plugin's done or cancelled date at the end of a task's text starts, or -1. */
function tasksDateStart(text: string): number {
  const m = TASKS_DONE.exec(text);
  if (m === null || m.index === 0) return -1;
  const before = text.charCodeAt(m.index - 1);
  return before === 32 || before === 9 ? m.index : -1;
}

// `[^\n]*`, not `.*`: a task's text may hold a line or paragraph separator (U+2028, U+2029).
const TICKED = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([^ \]])\][ \t]+([^\n]*)$/u;

/** The §6 sources of a customer: direct notes, and via notes direct for no other customer. */
export function harvestSources(index: VaultIndex, customer: string): ParsedNote[] {
  // The index keeps, per related note, whether it is a source (RelatedEntry.source).
  return sortNotes([...index.relatedEntries(customer)].filter((e) => e.source).map((e) => e.note));
}

/**
 * What findTicks may know beyond the index, with source links off (a line then does not name its
 * note, and a tick is matched by its text): the day of the run, and the keys (taskKey) of the page's
 * sources' closed tasks, read from their texts (closedTaskKeysOf; the index keeps no closed task).
 */
export interface TickContext {
  today?: NoteDate;
  /** Each closed task's key as its line read while it was open (closedTaskKeysOf). */
  closed?: ReadonlySet<string>;
  /** Each closed task's key as its text now reads, a date the Tasks plugin stamped on closing it kept. */
  closedWhole?: ReadonlySet<string>;
}

/** The lines of a page's Open Tasks section, in order, line breaks off; none when it has none. */
function openTasksLines(index: VaultIndex, raw: string): string[] {
  // With checkboxes turned off since the page was written, its ticked lines are still ticks (§8).
  if (!index.settings.managedSections.openTasks) return [];
  const layout = findSections(raw, index.settings);
  const section = layout.sections.find((s) => s.id === "openTasks");
  if (!section) return [];
  // Its lines as findSections reads them: a lone CR ends one too.
  const pageText = crAsLf(raw);
  const lines: string[] = [];
  for (let l = section.bodyStartLine; l < section.bodyEndLine; l++) {
    const start = layout.lineStart[l]!;
    lines.push(pageText.slice(start, lineEnd(pageText, start)));
  }
  return lines;
}

/** Reads the lines the user ticked in a page's Open Tasks. */
export function findTicks(index: VaultIndex, pagePath: string, pageText: string, context: TickContext = {}): Tick[] {
  const lines = openTasksLines(index, pageText);
  // The page's sources only once a line is ticked: every round reads every page it regenerates, and
  // the refresh-on-save rounds each page still waiting too, and most hold no tick.
  let sources: string[] | null = null;
  let isSource: ReadonlySet<string> = new Set();
  let stamps: Stamps | null = null;
  const ticks: Tick[] = [];
  /** Per tick, its key with a Tasks date or block id cut off, and its key as it stands (null: nothing cut; ticksAlike). */
  const cuts: string[] = [];
  const wholes: Array<string | null> = [];
  /** Per tick, whether its line is stamped with today's date (the Tasks plugin's tick of any task of its text). */
  const todays: boolean[] = [];
  for (const line of lines) {
    const m = TICKED.exec(line);
    if (!m) continue;
    if (sources === null) isSource = new Set((sources = harvestSources(index, pagePath).map((n) => n.path)));
    const task = taskOfLine(index, pagePath, m[2]!);
    // A line whose end was cut off (a Tasks date, a block id): the page tells which task it is.
    let wanted = task.wanted;
    if (task.whole !== null) {
      if (stamps === null) {
        const open = openTaskKeysOf(index, pagePath, sources);
        const today = context.today === undefined ? null : formatDate(context.today);
        const shown = lineKeys(index, pagePath, lines, today);
        stamps = {
          open,
          shownOpen: shown.open,
          ticked: shown.ticked,
          tickedToday: shown.tickedToday,
          plainTicked: shown.plain,
          byCut: keysByCut(open),
          replaced: new Map(),
          stale: new Map(),
          closedByCut: keysByCut(context.closed ?? NO_KEYS, true),
          closedWhole: context.closedWhole ?? NO_KEYS,
          loose: looseLines(shown.stamped, open, shown.open),
          today,
        };
      }
      const date = tasksStamp(m[2]!)?.date ?? null;
      wanted = stampedKey(task.wanted, task.whole, m[1]!, date, stamps);
      todays[ticks.length] = date !== null && date === stamps.today;
    }
    // A link that now opens another note than the one it was written for (a namesake came, §3
    // step 4) must not tick that note's task: the note it opens counts when it is one of C's
    // sources, or when the page would still write that very link for it (it only stopped being a
    // source, §8's "there"); otherwise C's sources are searched.
    // An excluded note (a template, an excluded folder) is never read, so never written either.
    const named =
      task.named !== null &&
      (isSource.has(task.named) ||
        (task.linkTarget !== null && task.linkTarget === index.resolver.linkText(task.named, pagePath) && !isExcluded(task.named, index.excluded)))
        ? task.named
        : null;
    ticks.push({ page: pagePath, line, status: m[1]!, wanted, sources, named });
    cuts.push(task.wanted);
    wholes.push(task.whole);
  }
  if (stamps !== null) {
    ticksAlike(ticks, cuts, wholes, stamps);
    twoStatuses(ticks, wholes, todays);
    // Read as no open task while the sources hold one of its text (with or without a date or id)
    // that it may be: NO_TASK, or one whose line no longer stands open on the page. When every such
    // task's line stands open, the page does tell — it is none of them (B35-F) — and "tick it again
    // where the page shows the task" sent the user to tick another task (B38-F).
    for (let k = 0; k < ticks.length; k++) {
      const t = ticks[k]!;
      if (wholes[k] === null || stamps.open.has(t.wanted)) continue;
      const cut = cuts[k]!;
      const texts = stamps.open.has(cut) ? [cut, ...(stamps.byCut.get(cut) ?? [])] : (stamps.byCut.get(cut) ?? []);
      if (texts.length > 0 && (t.wanted === NO_TASK || texts.some((key) => !stamps.shownOpen.has(key)))) t.untold = true;
    }
  }
  return ticks;
}

/** A page line's box, open or not (TICKED, with a space for the status). */
const BOXED = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([^\]])\][ \t]+([^\n]*)$/u;

/**
 * The task lines of a page's Open Tasks, in order: each whether it is ticked (as findTicks reads
 * it: its ticks are the ticked lines, in this order) and its text after the box with a Tasks date
 * cut off (the Tasks plugin takes it off a line it unticks).
 */
export function taskLinesOf(index: VaultIndex, pageText: string): Array<{ ticked: boolean; text: string }> {
  const out: Array<{ ticked: boolean; text: string }> = [];
  for (const line of openTasksLines(index, pageText)) {
    const m = BOXED.exec(line);
    if (!m) continue;
    const rest = m[2]!.trimEnd();
    const at = tasksDateStart(rest);
    // BOXED with a status other than a space is TICKED: the two differ only in the status they take.
    out.push({ ticked: m[1] !== " ", text: (at < 0 ? rest : rest.slice(0, at)).trimEnd() });
  }
  return out;
}

/**
 * Whether findTicks cut a Tasks date or block id off one of `ticks` (source links off): only then
 * does it read TickContext.closed, which the caller gathers from the sources' texts.
 */
export function cutTicks(index: VaultIndex, ticks: readonly Tick[]): boolean {
  if (index.settings.sourceLinks) return false;
  return ticks.some((t) => {
    const m = TICKED.exec(t.line);
    return m !== null && taskOfLine(index, t.page, m[2]!).whole !== null;
  });
}

/**
 * The keys (taskKey) of the closed tasks in `texts` (a page's sources, by path, as read now), each
 * as its line read while it was open: TickContext.closed. A task closed with the Tasks plugin's
 * date of its status (` ✅ date` or `[completion:: date]` on `[x]`, ` ❌ date` or `[cancelled:: date]`
 * on `[-]`) got that date when it was closed, and is taken without it; any other is taken whole.
 */
export function closedTaskKeysOf(index: VaultIndex, pagePath: string, texts: ReadonlyMap<string, string>): { closed: Set<string>; closedWhole: Set<string> } {
  const keys = new Set<string>();
  const whole = new Set<string>();
  for (const [path, text] of texts) {
    const open = openClosedBoxes(text);
    if (open === null) continue;
    const note = parseNote(path, open.text, index.settings).note;
    for (const link of index.resolver.linkTextForms(path, pagePath)) {
      for (const item of note.items) {
        const status = item.section === "openTasks" && item.taskOffset >= 0 ? open.status.get(item.taskOffset) : undefined;
        if (status === undefined) continue;
        const key = taskKey(item, link, path, index.settings.sourceLinks);
        keys.add(tasksStamp(key)?.status === status.toLowerCase() ? normaliseForDedup(withoutStamps(key)) : key);
        whole.add(key);
      }
    }
  }
  return { closed: keys, closedWhole: whole };
}

/**
 * The Tasks plugin's done or cancelled stamp ending a task's or a ticked line's text (before a block
 * id): the status it is stamped for ("x" or "-") and its date; null when there is none.
 */
function tasksStamp(text: string): { status: string; date: string } | null {
  let rest = text.trimEnd();
  const id = BLOCK_ID.exec(rest);
  if (id !== null) rest = rest.slice(0, id.index);
  const at = tasksDateStart(rest);
  if (at < 0) return null;
  const c = rest.charAt(at);
  // TASKS_DONE matched a date there.
  const date = /\d{4}-\d{2}-\d{2}/u.exec(rest.slice(at))![0];
  return { status: c === "\u2705" || rest.startsWith("[completion", at) ? "x" : "-", date };
}

/**
 * What a page tells of the tasks a ticked line whose end was cut off may be (findTicks gathers it
 * once per page, at its first such line: ticks × sources was T17's cost).
 */
interface Stamps {
  /** The keys of the sources' open tasks. */
  open: ReadonlySet<string>;
  /** The keys of the Open Tasks lines that still stand open on the page. */
  shownOpen: ReadonlySet<string>;
  /** The keys of the ticked lines as they read, nothing cut off. */
  ticked: ReadonlySet<string>;
  /** Of those, the keys of the lines stamped with today's date. */
  tickedToday: ReadonlySet<string>;
  /** Of the ticked lines with nothing to cut off, each key and its status ("" for two statuses). */
  plainTicked: ReadonlyMap<string, string>;
  /**
   * The keys of the sources' closed tasks (TickContext.closed) that end in a Tasks date or block id,
   * or have none, by the key they have without it: a line still shown for such a task (closed in
   * its note since the page was written) and ticked on the page reads like one of its open ones.
   */
  closedByCut: ReadonlyMap<string, readonly string[]>;
  /** TickContext.closedWhole. */
  closedWhole: ReadonlySet<string>;
  /**
   * Per cut text, how many ticked lines whose end was cut off do not read as a task still open whose
   * line is gone (or are stamped with today's date): lines that may be any task of their text.
   */
  loose: ReadonlyMap<string, number>;
  /** The day of the run, as the Tasks plugin writes a date; null when not known. */
  today: string | null;
  /** The open keys that end in a Tasks date or block id, by the key they have without it. */
  byCut: ReadonlyMap<string, readonly string[]>;
  /**
   * Per cut text, its byCut keys not shown open (`gone`), and how many of them no ticked line reads
   * as (`free`): worked out once per text, not once per line (N lines of one text over its N keys
   * were N² steps, B35-I).
   */
  replaced: Map<string, { gone: readonly string[]; free: number; today: boolean }>;
  /** Per cut text, its closedByCut keys not shown open (`hidden`), and those no ticked line reads as (`free`); once per text. */
  stale: Map<string, { hidden: ReadonlySet<string>; free: ReadonlySet<string> }>;
}

/** A key no task has: normaliseForDedup trims every key's spaces. */
const NO_TASK = " ";

const NO_KEYS: ReadonlySet<string> = new Set<string>();

/**
 * The key of the task a ticked line is, when a Tasks date or block id was cut off its end (`cut`;
 * `whole`: nothing cut). A task whose own text ends in such a date or id (unticked by hand in its
 * note, the Tasks plugin's date left) is shown with it: a click on its box closes that task, not
 * another whose text lacks them (§8: the same normalised text). A task whose line still stands open
 * on the page is not the one ticked: the Tasks plugin stamps today's date in place of a date the
 * task kept, so the ticked line can read as another task's (B35-F). With no one task told apart
 * (two such tasks ticked the same day read alike, or the ticked one was closed meanwhile), the
 * task of the cut text is not taken while its line stands open: the whole text, which no source
 * holds open, drops the tick with the warning (B35-H). Nor is it when its line is gone but so is a
 * task's that ends in such a date: a task added to a note since the page was written has no line
 * either (B35-I).
 */
function stampedKey(cut: string, whole: string, status: string, date: string | null, s: Stamps): string {
  const key = stampedKeyOf(cut, whole, status, date, s);
  // A stale line (its task closed in its note since the page was written) ticked by the Tasks plugin
  // reads like a task of its text gone from the page, one added since or whose line was deleted:
  // with such a closed task of the text, not told apart, the tick is dropped (B36-A). A line that
  // reads as the task it takes was weighed so in stampedKeyOf.
  // A line reading exactly as a closed task (nothing in place of its date) may be its stale line too.
  return key !== whole && s.open.has(key) && (staleOther(cut, key, whole, s) || (s.closedWhole.has(whole) && date !== s.today)) ? NO_TASK : key;
}

function stampedKeyOf(cut: string, whole: string, status: string, date: string | null, s: Stamps): string {
  const wholeOpen = s.open.has(whole);
  if (wholeOpen && !s.shownOpen.has(whole)) {
    // A line stamped with today's date may be the Tasks plugin's tick of another task of its text
    // gone from the page, as much as a click on a task whose own date is today: with another such
    // task, not told apart, the tick is dropped (B36-A; B35-K closed the task of the line's date).
    if (date === null || s.today === null || date !== s.today) return whole;
    const cutGone = s.open.has(cut) && !s.shownOpen.has(cut) && !s.plainTicked.has(cut);
    // Another such line of the text may be this task's Tasks tick, this line another's (B36-A).
    // (`free`: the dated tasks gone that no ticked line reads as; this line reads as `whole`.)
    const others = cutGone || replacedOf(s, cut).free > 0 || staleOther(cut, whole, whole, s) || (s.loose.get(cut) ?? 0) > 1;
    return others ? NO_TASK : whole;
  }
  const replaced = replacedOf(s, cut);
  // A task another ticked line reads as, its own date kept, is that line's (B35-I). Not told apart,
  // the tick is dropped: by `whole` when no task has it, else by a key no task has (one that still
  // stands open on the page is not the one ticked, B35-J).
  if (s.open.has(cut) && !s.shownOpen.has(cut)) {
    // A ticked line reading as the cut text, nothing cut, is that task's line: with another status
    // this line is not it, and which it is the page does not tell (B36-A: the task got this line's
    // status, the other's a conflict).
    const plainStatus = s.plainTicked.get(cut);
    if (plainStatus !== undefined && plainStatus !== status) return NO_TASK;
    if (replaced.free !== 0) return wholeOpen ? NO_TASK : whole;
    // Each dated task of the text gone is read by another ticked line; one stamped with today's date
    // may be the Tasks plugin's tick of this task instead, and this line the other's (B36-A).
    return replaced.today ? NO_TASK : cut;
  }
  // The one such task gone, counting those a ticked line reads as: a stale line (its task closed
  // since) is no Tasks stamp, and may not take a task another line took or one deleted (B35-J), nor
  // the one a line clicked reads as exactly (B35-K: it was cancelled, the click a conflict).
  if (replaced.gone.length === 1 && replaced.free === 1) return replaced.gone[0]!;
  // `whole` open here is a task whose line stands open: a copy of that line ticked is that task
  // (B35-G), but with a dated task of the text gone the line may be its Tasks tick on the day the
  // other's own date names: not told apart, the tick is dropped (B35-K: that task was closed).
  if (wholeOpen && replaced.gone.length > 0) return NO_TASK;
  return wholeOpen || s.shownOpen.has(cut) ? whole : cut;
}

/**
 * Whether a closed task of the cut text (TickContext.closed, each as its line read while open) may
 * be the one the ticked line reading `whole` was shown for, rather than the task `key`: a text other
 * than `key`'s, its line neither standing open on the page nor read exactly by another ticked line.
 */
function staleOther(cut: string, key: string, whole: string, s: Stamps): boolean {
  const closed = s.closedByCut.get(cut);
  if (closed === undefined) return false;
  // Worked out once per cut text (N lines of one text over its N closed tasks were N² steps).
  let c = s.stale.get(cut);
  if (c === undefined) {
    const hidden = closed.filter((k) => !s.shownOpen.has(k));
    s.stale.set(cut, (c = { hidden: new Set(hidden), free: new Set(hidden.filter((k) => !s.ticked.has(k))) }));
  }
  return c.free.size - (c.free.has(key) ? 1 : 0) > 0 || (whole !== key && c.hidden.has(whole));
}

/** Stamps.loose: per cut text, the stamped lines that read as no task still open whose line is gone, or with today's date. */
function looseLines(stamped: ReadonlyArray<{ cut: string; whole: string; today: boolean }>, open: ReadonlySet<string>, shownOpen: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of stamped) if (l.today || !open.has(l.whole) || shownOpen.has(l.whole)) out.set(l.cut, (out.get(l.cut) ?? 0) + 1);
  return out;
}

/** Stamps.replaced of a cut text, worked out at its first ask. */
function replacedOf(s: Stamps, cut: string): { gone: readonly string[]; free: number; today: boolean } {
  let replaced = s.replaced.get(cut);
  if (replaced === undefined) {
    const gone = (s.byCut.get(cut) ?? []).filter((k) => !s.shownOpen.has(k));
    s.replaced.set(cut, (replaced = { gone, free: gone.filter((k) => !s.ticked.has(k)).length, today: gone.some((k) => s.tickedToday.has(k)) }));
  }
  return replaced;
}

/**
 * Ticked lines that read as one text once cut (two tasks of one text, with and without a Tasks
 * date, both ticked by the Tasks plugin the same day): each task is shown once, so when as many such
 * lines are ticked as there are tasks of that text gone from the page, all with one status, those
 * lines are those tasks, one each. Taken one by one, they all went to one task and the other ticks
 * were lost, no warning (B35-H). Two lines ticked with nothing cut are a copy of one line (§6).
 */
function ticksAlike(ticks: Tick[], cuts: readonly string[], wholes: ReadonlyArray<string | null>, stamps: Stamps): void {
  const byCut = new Map<string, number[]>();
  for (let k = 0; k < ticks.length; k++) {
    const list = byCut.get(cuts[k]!);
    if (list === undefined) byCut.set(cuts[k]!, [k]);
    else list.push(k);
  }
  for (const [cut, group] of byCut) {
    if (group.length < 2) continue;
    const status = ticks[group[0]!]!.status;
    if (group.some((k) => ticks[k]!.status !== status)) continue;
    const cutGone = stamps.open.has(cut) && !stamps.shownOpen.has(cut);
    // A line with nothing cut is the task of its text, when that task's line is gone from the page.
    const plainLines = group.filter((k) => wholes[k] === null);
    if (plainLines.length > (cutGone ? 1 : 0)) continue;
    const gone = [...(cutGone ? [cut] : []), ...replacedOf(stamps, cut).gone];
    if (gone.length !== group.length) continue;
    // A closed task of the text whose line is gone from the page too: a stale line ticked may be one
    // of these lines, and the counts meet by a task added since or a line deleted (B36-A). One read
    // as the cut text itself counts too: with its line, the cut text's task may have none.
    const goneSet = new Set(gone);
    if ((stamps.closedByCut.get(cut) ?? []).some((k) => (k === cut || !goneSet.has(k)) && !stamps.shownOpen.has(k))) continue;
    // One status for all: which of the stamped lines takes which task changes nothing written, but
    // for the line a warning names (a task's closed twin, §8): a line reading as a task gone is that
    // task, and a plain line is the cut text's (B36-A: the warning named the other line).
    const free = new Set(gone);
    const rest: number[] = [];
    // (In any order: a plain line's own task, the cut text's, is no stamped line's.)
    for (const k of group) {
      const own = wholes[k] ?? cut;
      if (free.delete(own)) ticks[k]!.wanted = own;
      else rest.push(k);
    }
    const left = [...free];
    rest.forEach((k, i) => (ticks[k]!.wanted = left[i]!));
  }
}

/**
 * Lines whose end was cut off, taken for one task with two statuses: but for one that reads as the
 * task (its own date not today's), none is told apart as that task's, and all are dropped (B36-A:
 * the first status was written, the task's own line perhaps the other). Linear: one map by task.
 */
function twoStatuses(ticks: Tick[], wholes: ReadonlyArray<string | null>, todays: readonly boolean[]): void {
  const byTask = new Map<string, number[]>();
  for (let k = 0; k < ticks.length; k++) {
    if (wholes[k] === null || ticks[k]!.wanted === NO_TASK) continue;
    const list = byTask.get(ticks[k]!.wanted);
    if (list === undefined) byTask.set(ticks[k]!.wanted, [k]);
    else list.push(k);
  }
  for (const [task, group] of byTask) {
    if (group.length < 2 || group.every((k) => ticks[k]!.status === ticks[group[0]!]!.status)) continue;
    for (const k of group) if (wholes[k] !== task || todays[k] === true) ticks[k]!.wanted = NO_TASK;
  }
}

/** Where to look for a tick's task: the note its source link names first, then the customer's §6 sources. */
export function tickCandidates(tick: Tick): readonly string[] {
  const named = tick.named;
  return named === null ? tick.sources : [named, ...tick.sources.filter((p) => p !== named)];
}

/**
 * The keys of the page's Open Tasks lines still open (a page's own line: its whole text, as
 * keepTicks reads it), and of its ticked lines as they read.
 */
function lineKeys(
  index: VaultIndex,
  pagePath: string,
  lines: readonly string[],
  today: string | null,
): {
  open: Set<string>;
  ticked: Set<string>;
  tickedToday: Set<string>;
  plain: Map<string, string>;
  stamped: Array<{ cut: string; whole: string; today: boolean }>;
} {
  const open = new Set<string>();
  const ticked = new Set<string>();
  const plain = new Map<string, string>();
  const tickedToday = new Set<string>();
  const stamped: Array<{ cut: string; whole: string; today: boolean }> = [];
  for (const line of lines) {
    // Open or ticked, bullet or numbered, as a tick is read: a numbered line ("Toggle numbered
    // list") still open stands open on the page (B38-B).
    const b = BOXED.exec(line);
    if (b === null) continue;
    const status = b[1]!;
    const task = taskOfLine(index, pagePath, b[2]!);
    if (status === " ") {
      open.add(task.whole ?? task.wanted);
      continue;
    }
    ticked.add(task.whole ?? task.wanted);
    // A ticked line stamped with today's date may be the Tasks plugin's tick of another task of its
    // text as much as the task it reads as (B36-A).
    const isToday = task.whole !== null && today !== null && tasksStamp(b[2]!)?.date === today;
    if (isToday) tickedToday.add(task.whole!);
    if (task.whole !== null) stamped.push({ cut: task.wanted, whole: task.whole, today: isToday });
    else {
      const was = plain.get(task.wanted);
      plain.set(task.wanted, was === undefined || was === status ? status : "");
    }
  }
  return { open, ticked, tickedToday, plain, stamped };
}

/** Task keys that end in a Tasks date or block id (with `all`, every key), by the key they have without it. */
function keysByCut(keys: ReadonlySet<string>, all = false): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const cut = normaliseForDedup(withoutStamps(key));
    if (cut === key && !all) continue;
    const list = out.get(cut);
    if (list === undefined) out.set(cut, [key]);
    else list.push(key);
  }
  return out;
}

/**
 * A task's text without what the user's tools add at its end: a block id Obsidian appends when a
 * link to the line is copied (no part of an item's text, §6), and before it the done or cancelled
 * date the Tasks plugin stamps on a line it closes.
 */
function withoutStamps(text: string): string {
  let rest = text.trimEnd();
  const id = BLOCK_ID.exec(rest);
  if (id !== null) rest = rest.slice(0, id.index);
  const stamped = tasksDateStart(rest);
  return stamped >= 0 ? rest.slice(0, stamped) : rest;
}

/** The keys (taskKey) of the open tasks of `paths`, a page's sources, as the index read them. */
function openTaskKeysOf(index: VaultIndex, pagePath: string, paths: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const path of paths) {
    const note = index.note(path);
    if (note === undefined) continue;
    for (const link of index.resolver.linkTextForms(path, pagePath)) for (const key of openTaskKeys(note, link, index.settings.sourceLinks)) keys.add(key);
  }
  return keys;
}

/**
 * An Open Tasks line's text after its checkbox: the task's normalised text, and the note its source
 * link names; `whole`, when a block id or Tasks date was cut off (source links off), is the key of
 * the text as it stands.
 */
function taskOfLine(
  index: VaultIndex,
  pagePath: string,
  after: string,
): { wanted: string; whole: string | null; named: string | null; linkTarget: string | null } {
  const { rest: text, source } = splitSource(after, index.settings.sourceLinks);
  // What the user's tools add to a line lands after the source link, or without one at the end of
  // the task's text (withoutStamps).
  const rest = index.settings.sourceLinks ? text : withoutStamps(text);
  let named: string | null = null;
  let linkTarget: string | null = null;
  if (source !== null) {
    if (source[1] !== undefined) {
      const link = parseWikiInner(source[1]);
      if (link) {
        named = index.resolve(link.target, pagePath);
        linkTarget = link.target;
      }
    } else {
      const dest = source[2]!;
      const hash = dest.indexOf("#");
      named = index.resolve(percentDecode(hash < 0 ? dest : dest.slice(0, hash)), pagePath);
    }
  }
  const wanted = normaliseForDedup(rest);
  const whole = rest === text ? null : normaliseForDedup(text);
  return { wanted, whole: whole === wanted ? null : whole, named, linkTarget };
}

/**
 * An open task's key as its Open Tasks line gives it (taskOfLine's `wanted`): the line is made as
 * the page makes it and read back as a tick is (shownKey). Exact: `Fix \#tag` (text) and `Fix #tag`
 * (a tag) are two tasks; `Pay \$$` and `Pay $$`, one line on the page, are one.
 */
export function taskKey(item: Pick<Item, "text" | "selfLinks" | "blockId">, linkText: string, path: string, sourceLinks: boolean, keepCode = true): string {
  const src = sourceLinks ? sourceLink(linkText, path, item.blockId) : "";
  return shownKey(itemText(item, linkText, path, keepCode), "[ ] ", src, sourceLinks);
}

const OPEN = /^([ \t]*[-*+][ \t]+\[) (\][ \t]+)([^\n]*)$/u;

/**
 * A rendered page with the ticks that could not be written back (their note could not be written,
 * or changed meanwhile) still ticked: `kept` maps a task's normalised text to the status the user
 * gave it. The next run tries them again; nothing the user did is undone. `shown` gets the keys of
 * `kept` that a line of the page holds (a task the sources no longer hold open has none).
 */
export function keepTicks(index: VaultIndex, pagePath: string, text: string, kept: ReadonlyMap<string, string>, shown?: Set<string>): string {
  const layout = findSections(text, index.settings);
  const section = layout.sections.find((s) => s.id === "openTasks");
  if (!section) return text;
  // Lines as findSections reads them (a lone CR ends one); the statuses are written at their offsets.
  const lf = crAsLf(text);
  const edits: TaskEdit[] = [];
  for (let l = section.bodyStartLine; l < section.bodyEndLine; l++) {
    const start = layout.lineStart[l]!;
    const end = lineEnd(lf, start);
    const m = OPEN.exec(lf.slice(start, end));
    if (!m) continue;
    // The page's own line: nothing a tool appends to it is on it, so its whole text is its task's key.
    const task = taskOfLine(index, pagePath, m[3]!);
    const status = kept.get(task.whole ?? task.wanted);
    if (status === undefined) continue;
    edits.push({ offset: start + m[1]!.length, status });
    shown?.add(task.whole ?? task.wanted);
  }
  return edits.length === 0 ? text : applyEdits(text, edits);
}

/** Per note, its open tasks by key for each link text (and source-links setting) asked for. */
const tasksByText = new WeakMap<ParsedNote, Map<string, Map<string, Item[]>>>();

/**
 * A note's open tasks by their key (taskKey), in file order (worked out once per note object and
 * link text: a tick tries every form of the link in every source of its page, and keeping only the
 * last form's map worked the note out again at each try — ticks × sources × the note's items, T17).
 */
function openTasksByText(note: ParsedNote, linkText: string, sourceLinks: boolean): Map<string, Item[]> {
  let perLink = tasksByText.get(note);
  if (perLink === undefined) tasksByText.set(note, (perLink = new Map<string, Map<string, Item[]>>()));
  const cacheKey = (sourceLinks ? "s" : "p") + linkText;
  const cached = perLink.get(cacheKey);
  if (cached !== undefined) return cached;
  const byText = new Map<string, Item[]>();
  for (const item of note.items) {
    if (item.section !== "openTasks" || item.taskOffset < 0) continue;
    const key = taskKey(item, linkText, note.path, sourceLinks);
    add(byText, key, item);
    // A page written by an earlier build wrote a markdown self-link's backticks `&#96;`, code spans
    // too: a tick made there still finds its task.
    if (item.selfLinks.length > 0 && item.text.includes("`")) {
      const old = taskKey(item, linkText, note.path, sourceLinks, false);
      if (old !== key) add(byText, old, item);
    }
  }
  perLink.set(cacheKey, byText);
  return byText;
}

/** The keys (taskKey) of a note's open tasks. */
export function openTaskKeys(note: ParsedNote, linkText: string, sourceLinks: boolean): Iterable<string> {
  return openTasksByText(note, linkText, sourceLinks).keys();
}

/** A note's open tasks of one key (taskKey), in file order. */
export function openTasksFor(note: ParsedNote, linkText: string, key: string, sourceLinks: boolean): Item[] {
  return openTasksByText(note, linkText, sourceLinks).get(key) ?? [];
}

function add(byText: Map<string, Item[]>, key: string, item: Item): void {
  const list = byText.get(key);
  if (list) list.push(item);
  else byText.set(key, [item]);
}

/** One status character to change in a note. */
export interface TaskEdit {
  offset: number;
  status: string;
}

/** A tick's edit of one task, with the task's item (its key, should the page keep the tick). */
export interface TaskMatch extends TaskEdit {
  item: Item;
}

/**
 * The open tasks of `note` (parsed from `text`, its current text) that a tick stands for, in file
 * order. Every open task whose text matches is ticked (§8: de-duplication folded them into the
 * line), except that of identical task lines in one note only the first open one is (Obsidian
 * Tasks' rule). `taken` holds offsets already used by another tick.
 */
export function matchTick(note: ParsedNote, linkText: string, tick: Tick, text: string, taken: ReadonlySet<number>, sourceLinks = false): TaskMatch[] {
  const edits: TaskMatch[] = [];
  const lines = new Set<string>();
  for (const item of openTasksByText(note, linkText, sourceLinks).get(tick.wanted) ?? []) {
    if (taken.has(item.taskOffset)) continue;
    if (text.charAt(item.taskOffset) !== " ") continue;
    const line = taskLine(text, item.taskOffset);
    if (lines.has(line)) continue;
    lines.add(line);
    edits.push({ offset: item.taskOffset, status: tick.status, item });
  }
  return edits;
}

/** A note's closed tasks, each box's offset and status, from one scan of its body (its lines as parseNote reads them). */
export function closedBoxes(raw: string): Array<{ offset: number; status: string }> {
  const text = crAsLf(raw);
  const bodyStart = bodyStartOf(text, findFrontmatter(text));
  const out: Array<{ offset: number; status: string }> = [];
  for (const li of scanMarkdown(text, bodyStart).items) if (li.task !== null && li.task !== " ") out.push({ offset: li.taskOffset, status: li.task });
  return out;
}

/**
 * A note's closed tasks by their line as it reads open (its status character a space), each with
 * its statuses: a closed task on a line identical to an open task's line is that task's twin.
 */
export function closedLines(text: string, boxes = closedBoxes(text)): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { offset, status } of boxes) {
    const { start, end } = noteLineAt(text, offset);
    const line = text.slice(start, offset) + " " + text.slice(offset + status.length, end);
    const list = out.get(line);
    if (list) list.push(status);
    else out.set(line, [status]);
  }
  return out;
}

/** The line of a task's box, as in the note (matchTick's notion of identical lines). */
export function taskLine(text: string, offset: number): string {
  const { start, end } = noteLineAt(text, offset);
  return text.slice(start, end);
}

/** The line of a note holding `offset`, without its line break: a lone CR ends it, as in parseNote (crAsLf). */
function noteLineAt(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(start) !== 10)) break;
    start--;
  }
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { start, end };
}

/**
 * A note's text with the box of every closed task opened again (`[-]` → `[ ]`), and the status each
 * had, by offset; null when no task is closed. Parsed, it holds as open tasks the tasks a tick
 * would have matched before they were closed: why a tick found no open task (regenerate).
 */
export function openClosedBoxes(text: string, boxes = closedBoxes(text)): { text: string; status: Map<number, string> } | null {
  const status = new Map<number, string>();
  let out = "";
  let pos = 0;
  for (const box of boxes) {
    // A status of two code units (an emoji) would move every later offset: such a task is left closed.
    if (box.status.length !== 1) continue;
    status.set(box.offset, box.status);
    out += text.slice(pos, box.offset) + " ";
    pos = box.offset + 1;
  }
  return status.size === 0 ? null : { text: out + text.slice(pos), status };
}

export function applyEdits(text: string, edits: readonly TaskEdit[]): string {
  // One pass in offset order: slicing the text again for each edit made 10,000 ticks of one note
  // take seconds (T16). Of two edits at one offset the later one wins, as when applied in turn.
  const order = [...edits].sort((a, b) => a.offset - b.offset);
  let out = "";
  let pos = 0;
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    if (k + 1 < order.length && order[k + 1]!.offset === e.offset) continue;
    out += text.slice(pos, e.offset) + e.status;
    pos = e.offset + 1;
  }
  return out + text.slice(pos);
}
