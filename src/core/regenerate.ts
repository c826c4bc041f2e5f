// One regeneration round, the same for the CLI and the plugin: ticks go back to their notes,
// then pages are rendered and written when their text changes. The host supplies the I/O.
import type { NoteDate } from "./dates";
import { renderPage, yamlOf } from "./engine";
import { parseNote, type ParsedNote } from "./note";
import type { Item } from "./items";
import { compareCodeUnits, errorText, foldCase, stripMd } from "./text";
import type { ChangeResult, VaultIndex, Warning } from "./vault-index";
import {
  applyEdits,
  closedBoxes,
  closedLines,
  closedTaskKeysOf,
  cutTicks,
  findTicks,
  keepTicks,
  matchTick,
  openClosedBoxes,
  openTaskKeys,
  openTasksFor,
  taskKey,
  taskLine,
  taskLinesOf,
  tickCandidates,
  type TaskEdit,
  type TaskMatch,
  type Tick,
} from "./writeback";

export interface RegenerateIO {
  /**
   * The note's current text, or null when it is gone (deleted, renamed or moved); throws when it is
   * there but cannot be read (the message says why: the page, or the ticks on its tasks, are then
   * reported, never taken for gone).
   */
  read(path: string): Promise<string | null>;
  /**
   * Replaces the text when the note still holds `expected`; returns false when it changed in
   * between (nothing is written then); throws when it cannot be written (the message says why:
   * the page, or the note's ticks, are then reported not written). Not called in a dry run.
   * `finishing`: the host said it stopped (`stopped`), and this note holds a task of a tick already
   * written to another note: a host that refuses writes once stopped writes this one all the same,
   * or the tick would be left in some of its notes only (B37-F).
   */
  write(path: string, expected: string, next: string, finishing?: boolean): Promise<boolean>;
  /** False for a note that must never be written (the CLI: not valid UTF-8, warned about when read). Default: true. */
  writable?(path: string): boolean;
  /**
   * Why a page cannot be written, known before trying (the CLI: not valid UTF-8, read-only, a folder
   * it may not write in, another user's file in a folder with the sticky bit), or null. Ticks on such
   * a page are not applied: the page would keep them ticked, and each run would tick the next
   * identical open task. Asked too, in a dry run that foresees its writes (`foresee`), of each page
   * and note it would write.
   */
  cannotWrite?(path: string): string | null;
}

export interface PageReport {
  path: string;
  changed: boolean;
  written: boolean;
  /**
   * Rendering it failed (a bug), or it could not be read (io.read threw): left as it is, with a
   * warning naming it; the other pages go on.
   */
  failed?: true;
  /** The host could not write it (io.write threw: permissions, a full disk); a warning says why. */
  writeFailed?: true;
  /**
   * Made no customer page while the round regenerated it (its `type`, tags or categories changed:
   * found so by the round's read of it, or read again after its write was refused, or told to the
   * host's index meanwhile): left as it is, with a warning, and its ticks are not written back when
   * the round's first read found it so. Rendered, it was written as a page: the note gained `last_contact` and
   * an Account Status section (B42-A).
   */
  noLongerCustomer?: true;
}

export interface SourceReport {
  path: string;
  ticks: number;
  written: boolean;
}

export interface RegenerateReport {
  pages: PageReport[];
  sources: SourceReport[];
  warnings: Warning[];
  /**
   * Other customers whose pages the ticks written back may change, and those a page's text told to
   * the index changed (an open editor's text that is no customer's any more, a change meanwhile),
   * written before it in this round or not: the plugin refreshes them.
   */
  alsoAffected: string[];
  /**
   * Pages and notes the host could not write (io.write threw), and notes holding ticks that it could
   * not read (io.read threw); each has a warning saying why.
   */
  writeErrors: number;
  /**
   * Pages gone (renamed, moved or deleted) before the round wrote them, each with the ticked lines of
   * theirs it wrote back: the page still holds them where it went, and a host that regenerates it
   * there passes them as `writtenTicks`, or they would be met again as ticks.
   */
  goneWithTicks?: Array<{ path: string; lines: string[] }>;
  /**
   * Pages given `writtenTicks` that the round did not write (the write failed, they kept changing,
   * rendering them failed, or they could not be read), each with those lines it still holds: the
   * host passes them again for the page's next round, or that round would meet them as ticks.
   */
  unwrittenWithTicks?: Array<{ path: string; lines: string[] }>;
  /**
   * Stopped (`stopped`), the pages the round did not regenerate (it did not come to them, or stopped
   * while it wrote one), in the order given; not those found gone. A host that goes on (the CLI,
   * interrupted) says which are left as they were.
   */
  unreached?: string[];
  /**
   * The round told the index of a text that changed the customers' names (a page written from an
   * open editor's text that no longer makes it a customer, say): the host matches every note's
   * mentions again (VaultIndex.rematch), as after any such change; the round's own index.set
   * calls do not.
   */
  needsRematch?: boolean;
}

export interface RegenerateOptions {
  today: NoteDate;
  /** False for a dry run: everything is computed, nothing is written. */
  write: boolean;
  /**
   * A dry run that foresees the writes known to fail before trying (io.cannotWrite: the CLI's
   * --dry-run, by the permissions of the file and its folder): each page or note the write run would
   * write is asked, and one that cannot be written is said, counted and kept as the write run's
   * failed write would be (`would not be written (…)`) — its ticks stay on the page, which then may
   * not change at all. Without it a dry run took such a note for written, and said the page would
   * change and the ticks be written back, where the write run failed (B40-D). Ignored when writing.
   */
  foresee?: boolean;
  /** How often a page that changed under us is recomputed before giving up. */
  retries?: number;
  /**
   * Whether a written page goes back into the index (default true: the plugin keeps its index).
   * No page reads another customer page's body, so a host that drops the index after the round
   * (the CLI) may skip it: at 10k notes that is ~2 ms per page, a page being ~600 links.
   */
  reindexWritten?: boolean;
  /**
   * The host is going away (the plugin is being disabled): asked before each tick is looked for in
   * its notes, each note is written and each page is rendered; once true, the round reads, renders
   * and writes nothing more, and reports what it did until then.
   */
  stopped?: () => boolean;
  /**
   * Per page, ticked lines an earlier round wrote back before it found the page renamed or moved
   * (goneWithTicks, under the page's new path): they are not ticks — met again, a tick written
   * already would be dropped as closed "on another page, or in the note", or refused on a task the
   * note holds on identical lines — and the page is rendered over them.
   */
  writtenTicks?: ReadonlyMap<string, readonly string[]>;
}

export async function regenerate(
  index: VaultIndex,
  customers: readonly string[],
  io: RegenerateIO,
  options: RegenerateOptions,
): Promise<RegenerateReport> {
  const warnings: Warning[] = [];
  const pages: PageReport[] = [];
  let writeErrors = 0;
  const sources: SourceReport[] = [];
  const alsoAffected = new Set<string>();
  /** Whether a text the round told the index of changed the customers' names (the report says so). */
  let needsRematch = false;
  const tell = (path: string, text: string): ChangeResult => {
    const change = index.set(path, text);
    if (change.needsRematch) needsRematch = true;
    return change;
  };
  /**
   * Customers a page's text told to the index changed besides that page: as a rule none, but a text
   * that changes the customers (an open editor's, made no customer's outside) changes every page,
   * and those this round wrote before it are stale (B42-A).
   */
  const changedByPages = new Set<string>();
  const tellPage = (c: string, text: string): void => {
    for (const a of tell(c, text).affected) if (a !== c) changedByPages.add(a);
  };
  const stopped = (): boolean => options.stopped?.() === true;
  /** In a dry run that foresees them, why the write run's write of this page or note would fail, or null. */
  const foresee = (path: string): string | null => (!options.write && options.foresee === true ? (io.cannotWrite?.(path) ?? null) : null);
  // Looked up once per tick of the page: a list would cost ticks × written lines (B32-E).
  const writtenSets = new Map<string, ReadonlySet<string>>();
  const writtenSet = (page: string): ReadonlySet<string> | undefined => {
    const lines = options.writtenTicks?.get(page);
    if (lines === undefined) return undefined;
    let set = writtenSets.get(page);
    if (set === undefined) writtenSets.set(page, (set = new Set(lines)));
    return set;
  };

  /**
   * Sources that could not be read (gone: null, or why) when the round read them for their closed
   * tasks: findTicks went on without them, so the round writes no tick to them either, as for a
   * source it cannot read for the write (B36-E: read again, one readable then took the tick of a
   * stale line for a task of its text added since, and closed it with no warning).
   */
  const unreadAtStart = new Map<string, null | { why: string }>();
  /**
   * The ticks of a page's text. Source links off, a line whose Tasks date was cut off may have been
   * shown for a task closed since in its note: findTicks weighs it against the run's day and the
   * sources' closed tasks, read from their texts (B36-A). Also for a page read again after a tick
   * made while it was regenerated, which is kept on the page as the task it is told to be (B36-F).
   * At the start of the round (`atStart`), a source that cannot be read is kept in `unreadAtStart`.
   */
  const ticksIn = async (c: string, text: string, atStart = false): Promise<Tick[]> => {
    const all = findTicks(index, c, text, { today: options.today });
    if (!cutTicks(index, all) || stopped()) return all;
    const texts = new Map<string, string>();
    for (const p of all[0]!.sources) {
      if (unreadAtStart.has(p)) continue;
      const r = await readOrWhy(io, p);
      if (typeof r === "string") texts.set(p, r);
      else if (atStart) unreadAtStart.set(p, r);
    }
    return findTicks(index, c, text, { today: options.today, ...closedTaskKeysOf(index, c, texts) });
  };

  // 1. Ticks on every page, applied to their sources before any page is rendered (§8).
  const pageTexts = new Map<string, string>();
  /**
   * Per page, the ticks that could not be written back, each with the task's text as the page writes
   * it (the page keeps them ticked): one the user unticks while the page is written is not kept (B36-H).
   */
  const keptLines = new Map<string, Array<{ tick: Tick; key: string; path: string }>>();
  const ticks = [];
  /** Per page, the ticks it held when this round read it (a later read is compared with them). */
  const readTicks = new Map<string, Tick[]>();
  /** The ticks written back (or, in a dry run, that would be). */
  const applied = new Set<Tick>();
  const goneWithTicks: Array<{ path: string; lines: string[] }> = [];
  const unwrittenWithTicks: Array<{ path: string; lines: string[] }> = [];
  /** Pages the round could not read (io.read threw), with why: reported as failed. */
  const unreadablePages = new Map<string, string>();
  /** Pages gone when the round read them: not among those a stop leaves unreached. */
  const goneAtRead = new Set<string>();
  /**
   * The notes the ticks name, as the index held them when the ticks were found: the plugin's index
   * follows a rename or delete at once, and a source gone by the time the round reads it must still
   * be found as the page knew it (its tick kept, not dropped as matching nothing).
   */
  const indexedNotes = new Map<string, ParsedNote | undefined>();
  for (const c of customers) {
    if (stopped()) break;
    const text = await readOrWhy(io, c);
    // Gone since it was asked for (deleted, renamed or moved): nothing to say under a path it no
    // longer has, as below; the host knows what became of it.
    if (text === null) {
      goneAtRead.add(c);
      // Its written ticks go with it: a page moved again still holds them where it went.
      const held = options.write ? options.writtenTicks?.get(c) : undefined;
      if (held !== undefined && held.length > 0) goneWithTicks.push({ path: c, lines: [...held] });
      continue;
    }
    if (typeof text !== "string") {
      unreadablePages.set(c, text.why);
      continue;
    }
    pageTexts.set(c, text);
    // The round decides by the text it read: changed since the index read it (by another program
    // after the CLI loaded the vault) or an open editor's unsaved text (B28-C), it may be no customer
    // page, and rendered it was written as one (B42-F's Not fixed). Told to the index, as a page read
    // again after a refused write is, `isCustomer` answers for it. With the path, only the frontmatter
    // tells the kind: a text whose frontmatter is the index's is not parsed again. A note that is no
    // customer page holds no page's ticks, and none is written back, as a round started after the
    // change would not. The pages it changes are rendered after it in this round; others are named.
    if (index.isCustomer(c) && yamlOf(text) !== index.note(c)!.fmText) {
      for (const a of tell(c, text).affected) alsoAffected.add(a);
      if (!index.isCustomer(c)) continue;
    }
    const all = await ticksIn(c, text, true);
    if (all.length === 0) continue;
    // All of them: a written tick is still on the page, and is not one ticked while it is regenerated.
    readTicks.set(c, all);
    const written = writtenSet(c);
    // As a set: a line the page shows twice (the user copied it; no page is written with one task
    // on two lines, §6) is one tick (§8), the one written. Counted, the copy would be met again.
    const found = written === undefined ? all : all.filter((t) => !written.has(t.line));
    if (found.length === 0) continue;
    const why = io.cannotWrite?.(c) ?? null;
    if (why !== null) {
      warnings.push({ file: c, message: `${found.length} tick(s) not applied: the page cannot be written (${why}), and each run would apply them again` });
      continue;
    }
    for (const t of found) {
      ticks.push(t);
      if (t.named !== null && !indexedNotes.has(t.named)) indexedNotes.set(t.named, index.note(t.named));
    }
    // Every tick of the page shares its sources (once, not per tick: T17).
    for (const p of found[0]!.sources) if (!indexedNotes.has(p)) indexedNotes.set(p, index.note(p));
  }
  if (ticks.length > 0) {
    const current = new Map<string, string | null>();
    const edits = new Map<string, TaskEdit[]>();
    /** Sources the round could not read: gone (null) or why not (io.read threw). */
    const unread = new Map<string, string | null>();
    /**
     * Per such source, the open tasks the ticks would have closed there (as the index read it), by
     * offset: one task ticked on two pages is one task left unticked, as for a source not written.
     */
    const unreadTasks = new Map<string, Set<number>>();
    const textOf = async (p: string): Promise<string | null> => {
      if (!current.has(p)) {
        const early = unreadAtStart.get(p);
        const r = early !== undefined ? early : await readOrWhy(io, p);
        if (typeof r !== "string") unread.set(p, r === null ? null : r.why);
        current.set(p, typeof r === "string" ? r : null);
      }
      return current.get(p) ?? null;
    };
    // Each source is parsed once from its current text, however many ticks look into it.
    const parsed = new Map<string, ParsedNote>();
    const parsedOf = (path: string, text: string): ParsedNote => {
      let note = parsed.get(path);
      if (!note) parsed.set(path, (note = parseNote(path, text, index.settings).note));
      return note;
    };
    /** Per source, its closed tasks by their line read open (closedLines). */
    const closedOf = new Map<string, Map<string, string[]>>();
    // The texts already ticked in each source this round, with the tick that ticked them: the same
    // task ticked on two pages (or twice on one) is one tick, so a second identical line in that
    // note stays open (§8, README). A tick of another text matches other lines, but for one task
    // whose self-link two lines name two ways (takenBy, below).
    const done = new Map<string, Map<string, Tick>>();
    // Per source, the tick that took each offset: two texts can name one task (its self-link written
    // two ways: `[[Kickoff#Plan]]`, `[[Meetings/Kickoff#Plan]]`), and it is then one tick, as above.
    const takenBy = new Map<string, Map<number, Tick>>();
    // One task ticked with two statuses (`[-]` on one page, `[x]` on another): the first tick's
    // status is written, the later one is not, and a warning names both pages (README).
    const conflicts: Array<{ path: string; first: Tick; tick: Tick }> = [];
    /** Per tick, the sources where it matched open tasks itself (a line stands for its tasks in all of C's sources). */
    const matchedIn = new Map<Tick, string[]>();
    // The ticks each source takes, and the tasks they matched there: a tick that no source took
    // (its notes could not be written) stays ticked on its page, and the next run tries it again.
    const ticksOf = new Map<string, Tick[]>();
    const itemsOf = new Map<string, Map<string, Item[]>>();
    const takes = (path: string, tick: Tick): void => {
      const list = ticksOf.get(path);
      if (list) list.push(tick);
      else ticksOf.set(path, [tick]);
    };
    // Per source, its text with the closed tasks opened, parsed (only for a tick that matched nothing,
    // or one whose open line has a closed line identical to it).
    const reopened = new Map<string, Reopened | null>();
    // Per source, its closed boxes (one scan, for both the twins' lines and the reopened text).
    const boxes = new Map<string, ReturnType<typeof closedBoxes>>();
    const boxesOf = (path: string, text: string): ReturnType<typeof closedBoxes> => {
      let b = boxes.get(path);
      if (b === undefined) boxes.set(path, (b = closedBoxes(text)));
      return b;
    };
    const reopenedOf = async (path: string): Promise<Reopened | null> => {
      let r = reopened.get(path);
      if (r === undefined) {
        const text = await textOf(path);
        r = text === null ? null : reopen(index, path, text, boxesOf(path, text));
        reopened.set(path, r);
      }
      return r;
    };
    /**
     * The statuses of the closed tasks on lines identical to the open lines a tick matched (`lines`)
     * that are the tick's own task — its text, continuation lines and all: a closed line identical
     * to the open one's first line but of another text can never have been closed by this tick.
     * A status of two code units (an emoji) is not opened by openClosedBoxes: such a line is
     * counted on its line alone, to be safe.
     */
    const twinsOf = async (path: string, text: string, tick: Tick, lines: ReadonlySet<string>): Promise<string[]> => {
      let closed = closedOf.get(path);
      if (closed === undefined) closedOf.set(path, (closed = closedLines(text, boxesOf(path, text))));
      const byLine = [...lines].flatMap((l) => closed.get(l) ?? []);
      if (byLine.length === 0) return [];
      const out = byLine.filter((s) => s.length !== 1);
      const r = await reopenedOf(path);
      if (r === null) return out;
      for (const link of index.resolver.linkTextForms(path, tick.page)) {
        const same = openTasksFor(r.note, link, tick.wanted, index.settings.sourceLinks).flatMap((item) => {
          const status = r.status.get(item.taskOffset);
          return status !== undefined && lines.has(taskLine(r.text, item.taskOffset)) ? [status] : [];
        });
        if (same.length > 0) return [...out, ...same];
      }
      return out;
    };
    /**
     * Where the task is closed, and how: the first of the tick's candidates (the note its line names
     * first) that holds it closed — an older note's task of the same text, closed otherwise, is no
     * reason and must not be named — or null when none holds it.
     */
    const closedAs = (tick: Tick): Promise<{ path: string; status: string } | null> => closedIn(index, tick, reopenedOf);
    /**
     * Per page and its sources, which sources hold an open task of each key (under any form of the
     * link from the page), in the sources' order: a tick visits only those, its named note and the
     * sources it already ticked — a source holding no task of its text is passed over unchanged. Each
     * tick trying every source took ticks × sources (T17: ticking 6,000 tasks of 2,000 notes, 3 min).
     */
    const holdersOf = new Map<string, { sources: readonly string[]; place: Map<string, number>; byKey: Map<string, string[]> }>();
    const holders = async (tick: Tick): Promise<{ place: Map<string, number>; paths: readonly string[] }> => {
      let h = holdersOf.get(tick.page);
      if (h === undefined || h.sources !== tick.sources) {
        const byKey = new Map<string, string[]>();
        const place = new Map<string, number>();
        for (const [k, path] of tick.sources.entries()) {
          place.set(path, k);
          const text = await textOf(path);
          const note = text !== null ? parsedOf(path, text) : unread.has(path) ? indexedNotes.get(path) : undefined;
          if (note === undefined) continue;
          const keys = new Set<string>();
          for (const link of index.resolver.linkTextForms(path, tick.page)) for (const key of openTaskKeys(note, link, index.settings.sourceLinks)) keys.add(key);
          for (const key of keys) {
            const list = byKey.get(key);
            if (list) list.push(path);
            else byKey.set(key, [path]);
          }
        }
        holdersOf.set(tick.page, (h = { sources: tick.sources, place, byKey }));
      }
      return { place: h.place, paths: h.byKey.get(tick.wanted) ?? [] };
    };
    /** Per task text, the sources where a tick of it was written (`done`). */
    const doneIn = new Map<string, string[]>();
    /** The candidates (tickCandidates, in its order) that may hold the tick's task. */
    const toVisit = async (tick: Tick): Promise<string[]> => {
      // The named note is read first, as when every candidate was visited in turn.
      if (tick.named !== null) await textOf(tick.named);
      const { place, paths } = await holders(tick);
      const more = (doneIn.get(tick.wanted) ?? []).filter((p) => p !== tick.named && place.has(p) && !paths.includes(p));
      const rest = more.length === 0 ? paths.filter((p) => p !== tick.named) : [...paths, ...more].filter((p) => p !== tick.named).sort((a, b) => place.get(a)! - place.get(b)!);
      return tick.named === null ? rest : [tick.named, ...rest];
    };
    /** Ticks dropped as their named note holds their task no more, with the other sources passed over. */
    const notInNamedOf: Array<{ warning: Warning; tick: Tick; named: string; others: readonly string[] }> = [];
    for (const tick of ticks) {
      // Stopped (the plugin disabled), no more notes are read for the ticks left: nothing is written.
      if (stopped()) break;
      let found = 0;
      /** The other sources that held an open task of its text, passed over: the named note holds none (B37-E). */
      let passed: string[] = [];
      const visit = await toVisit(tick);
      for (const path of visit) {
        // §8: the first open task in the note the line names, and then its text in the page's other
        // sources. The named note is visited first: holding none (closed or deleted there since the
        // page was written), the tick is dropped — another source's task of that text is not the
        // one the line names (B37-E).
        if (tick.named !== null && path !== tick.named && found === 0) {
          // Whether the next page shows one of them open is known once the notes are written (below).
          passed = visit.filter((p) => p !== tick.named);
          break;
        }
        const first = done.get(path)?.get(tick.wanted);
        if (first !== undefined) {
          found++;
          takes(path, tick);
          if (first.status !== tick.status) conflicts.push({ path, first, tick });
          continue;
        }
        const text = await textOf(path);
        if (text === null) {
          // Unreadable now (its permissions taken away during the run) or gone (renamed, moved or
          // deleted), it held the task open when the index read it: the tick stays on the page, as
          // for a note that cannot be written, and the next run tries again (finds it under its new
          // name) — taken for "no open task" it would be rendered over, lost.
          const items = unread.has(path) ? indexedOpenTasks(index, indexedNotes.get(path), path, tick) : [];
          if (items.length === 0) continue;
          found += items.length;
          let left = unreadTasks.get(path);
          if (left === undefined) unreadTasks.set(path, (left = new Set<number>()));
          for (const item of items) left.add(item.taskOffset);
          takes(path, tick);
          let byText = itemsOf.get(path);
          if (byText === undefined) itemsOf.set(path, (byText = new Map<string, Item[]>()));
          byText.set(tick.wanted, items);
          continue;
        }
        const note = parsedOf(path, text);
        let matched: TaskMatch[] = [];
        for (const link of index.resolver.linkTextForms(path, tick.page)) {
          matched = matchTick(note, link, tick, text, NONE_TAKEN, index.settings.sourceLinks);
          if (matched.length > 0) break;
        }
        if (matched.length === 0) continue;
        // A closed line identical to the open one: this tick may be the one that closed it, met
        // again (the page was not regenerated since — another page's round came first, or the
        // page could not be written), and the open line another task. It is left to the user.
        const twins = await twinsOf(path, text, tick, new Set(matched.map((m) => taskLine(text, m.offset))));
        if (twins.length > 0) {
          found++;
          warnings.push({ file: tick.page, message: ambiguousTick(tick, path, twins) });
          continue;
        }
        let texts = done.get(path);
        if (texts === undefined) done.set(path, (texts = new Map<string, Tick>()));
        let taken = takenBy.get(path);
        if (taken === undefined) takenBy.set(path, (taken = new Map<number, Tick>()));
        const mine: TaskEdit[] = [];
        let before: Tick | undefined;
        for (const m of matched) {
          const t = taken.get(m.offset);
          if (t === undefined) mine.push(m);
          else if (before === undefined || (before.status === tick.status && t.status !== tick.status)) before = t;
        }
        // A task an earlier tick of another text took: its status stands, as for the same text.
        if (before !== undefined && before.status !== tick.status) conflicts.push({ path, first: before, tick });
        // A later tick of this text meets the tick whose status the task gets.
        texts.set(tick.wanted, mine.length === 0 ? before! : tick);
        const doneList = doneIn.get(tick.wanted);
        if (doneList) doneList.push(path);
        else doneIn.set(tick.wanted, [path]);
        // Its tasks here, for the page to keep it ticked if the note is not written (owed below).
        let items = itemsOf.get(path);
        if (items === undefined) itemsOf.set(path, (items = new Map<string, Item[]>()));
        items.set(tick.wanted, matched.map((m) => m.item));
        if (mine.length === 0) {
          found++;
          takes(path, tick);
          continue;
        }
        for (const m of mine) taken.set(m.offset, tick);
        const list = edits.get(path);
        if (list === undefined) edits.set(path, mine);
        else for (const m of mine) list.push(m);
        const own = matchedIn.get(tick);
        if (own) own.push(path);
        else matchedIn.set(tick, [path]);
        found += mine.length;
        takes(path, tick);
      }
      if (found === 0) {
        // Closed meanwhile — by another page's tick in an earlier round (the plugin's refresh on
        // save is a round per page) or in the note itself: say where, and how.
        const closed = await closedAs(tick);
        const warning = { file: tick.page, message: droppedTick(tick, closed) };
        warnings.push(warning);
        // Not closed in the note the line names (deleted there), while another source holds the text
        // open: "no open task matches it" would deny the task the next page shows (B37-F).
        if (passed.length > 0 && tick.named !== null && closed?.path !== tick.named) notInNamedOf.push({ warning, tick, named: tick.named, others: passed });
      }
    }
    /** Sources whose ticks were written (or, in a dry run, would be). */
    const ticked = new Set<string>();
    const owed: Array<{ path: string; tick: Tick }> = [];
    const toWrite = [...edits].sort((a, b) => compareCodeUnits(a[0], b[0]));
    /** Once stopped, the notes not written yet that the ticks of those written also take (B37-F). */
    let finishing: Set<string> | null = null;
    for (const [path, list] of toWrite) {
      // Stopped (the plugin disabled), no tick is left half written: a line stands for its task in
      // all of the page's sources, and the next run, finding the task closed in the note the line
      // names, drops the tick (§8) and would leave the rest open. The other notes of the ticks
      // already written are written, and nothing else (B37-F).
      if (finishing === null && stopped()) finishing = stillOwed(toWrite, ticked, ticksOf);
      if (finishing !== null && !finishing.has(path)) continue;
      const before = current.get(path)!;
      const after = applyEdits(before, list);
      let written = false;
      const fail = (message: string): void => {
        warnings.push({ file: path, message: `${message}; ${list.length} task(s) left unticked` });
        for (const tick of ticksOf.get(path) ?? []) owed.push({ path, tick });
        sources.push({ path, ticks: 0, written: false });
      };
      if (io.writable && !io.writable(path)) {
        fail("never written (not valid UTF-8)");
        continue;
      }
      const foreseen = foresee(path);
      if (foreseen !== null) {
        writeErrors++;
        fail(`would not be written (${foreseen})`);
        continue;
      }
      if (options.write) {
        try {
          written = await io.write(path, before, after, finishing !== null);
          // Stopped while it was written, the host may have refused it for that: a note the ticks
          // already written take is written as their rest (B37-F).
          if (!written && finishing === null && stopped()) {
            finishing = stillOwed(toWrite, ticked, ticksOf);
            if (finishing.has(path)) written = await io.write(path, before, after, true);
          }
        } catch (e) {
          writeErrors++;
          fail(`not written (${(e as Error).message})`);
          continue;
        }
        if (!written) {
          fail("changed while ticks were applied");
          const now = await readOrWhy(io, path);
          if (typeof now === "string") for (const c of tell(path, now).affected) alsoAffected.add(c);
          continue;
        }
      }
      for (const tick of ticksOf.get(path) ?? []) applied.add(tick);
      ticked.add(path);
      for (const c of tell(path, after).affected) alsoAffected.add(c);
      sources.push({ path, ticks: list.length, written });
    }
    // The next page shows an open task of the text when a source passed over holds one still, as the
    // index has it once the notes are written: a tick of another page, met before or after this one,
    // may have closed it — or only the first of two identical lines — and its note may not have been
    // written (changed meanwhile, or it cannot be) (B37-G).
    for (const { warning, tick, named, others } of notInNamedOf) {
      if (others.some((p) => indexedOpenTasks(index, index.note(p), p, tick).length > 0)) warning.message = notInNamed(tick, named);
    }
    // As for a source that could not be written: its ticks stay on their pages (owed below) unless
    // another note took them.
    for (const [path, why] of unread) {
      const list = ticksOf.get(path);
      if (list === undefined) continue;
      const reason = why === null ? "gone since it was read (deleted, renamed or moved meanwhile)" : `cannot be read (${why})`;
      warnings.push({ file: path, message: `${reason}; ${unreadTasks.get(path)?.size ?? 0} task(s) left unticked` });
      for (const tick of list) owed.push({ path, tick });
      sources.push({ path, ticks: 0, written: false });
      if (why !== null) writeErrors++;
    }
    // A source that was not written keeps its task open, and both ticks stay on their pages (owed
    // below): the next run meets them again, and warns then.
    for (const { path, first, tick } of conflicts) {
      if (!ticked.has(path)) continue;
      const other = first.page === tick.page ? "this page also ticks" : `${first.page} ticked`;
      const was = options.write ? "was" : "would be";
      // The line also stood for the task in other sources of its page, which took its status.
      const elsewhere = (matchedIn.get(tick) ?? []).filter((p) => ticked.has(p));
      const outcome = elsewhere.length === 0 ? "not written back" : `${was} written back to ${elsewhere.join(", ")} only`;
      warnings.push({
        file: tick.page,
        message:
          `[${tick.status}] ${outcome}: ${other} the same task [${first.status}], ` +
          `which ${was} written to ${path} (the page read first wins; change it there if [${tick.status}] was meant): ${tick.line.trim()}`,
      });
    }
    // Keyed by the task's text as the page now writes it (its self-links carry today's link text).
    for (const { path, tick } of owed) {
      if (applied.has(tick)) continue;
      let held = keptLines.get(tick.page);
      if (held === undefined) keptLines.set(tick.page, (held = []));
      const link = index.resolver.linkText(path, tick.page);
      for (const item of itemsOf.get(path)?.get(tick.wanted) ?? []) held.push({ tick, key: taskKey(item, link, path, index.settings.sourceLinks), path });
    }
  }

  // 2. Pages.
  const retries = options.retries ?? 3;
  /** Pages that kept a tick made while they were regenerated: another round writes it back. */
  const retick = new Set<string>();
  let unreached: string[] = [];
  /** Stopped: this page and the ones after it are left as they are (`from`: its position, or the next). */
  const leave = (from: number): void => {
    unreached = customers.slice(from).filter((p) => !goneAtRead.has(p));
  };
  for (const [i, c] of customers.entries()) {
    if (stopped()) {
      leave(i);
      break;
    }
    let text = pageTexts.get(c);
    if (text === undefined) {
      const why = unreadablePages.get(c);
      if (why !== undefined) {
        warnings.push({ file: c, message: `cannot be read (${why}); not regenerated` });
        pages.push({ path: c, changed: false, written: false, failed: true });
        // Not read, so not known to have changed: it is taken to hold them still.
        const held = options.writtenTicks?.get(c);
        if (options.write && held !== undefined && held.length > 0) unwrittenWithTicks.push({ path: c, lines: [...held] });
      }
      continue;
    }
    let report: PageReport | null = null;
    // Renamed, moved or deleted since the round read it: nothing to say under a path it no longer
    // has (the host's index, told of a rename, regenerates it under its new one).
    let gone = false;
    // The ticks phase 1 could not write back; those made while the page is regenerated are added to
    // them from the page as last read, and said once the page is done: a tick the user took back
    // before a later read is neither kept nor said (B36-H).
    const owedHere = keptLines.get(c);
    /** Per tick not written back, its tasks' texts as the page writes them and the notes it is owed to. */
    const owedOf = owedHere === undefined ? undefined : owedByTick(owedHere);
    const kept = owedOf === undefined ? undefined : keptStatuses(c, owedOf, readTicks.get(c) ?? [], options.write);
    /** What the page keeps ticked: task text → the status the user gave it. */
    let keepHere = kept?.statuses();
    /**
     * The lines a line above overrules (another status for their task), as the page was last read:
     * said once the page is written over them (B39-B: they went without a word).
     */
    let overruled = kept;
    /** The keys of `keepHere` the page last rendered holds ticked. */
    const shown = new Set<string>();
    /** Where they are said: where the first read again found them, as before (B36-H). */
    let racedAt = -1;
    let raced: Warning[] = [];
    let racedHeld = false;
    for (let attempt = 0; attempt <= retries && report === null && !stopped(); attempt++) {
      if (index.note(c) === undefined) {
        gone = true;
        break;
      }
      // Made no customer page meanwhile (read again after a refused write, or the host's index told):
      // rendered, the note would be written as a page (B42-A). Its lines ticked meanwhile are no
      // page's ticks now: what was said of them (kept for the next run, dropped) is not so.
      if (!index.isCustomer(c)) {
        raced = [];
        racedHeld = false;
        warnings.push({ file: c, message: "no customer page any more (changed while it was regenerated); left as it is" });
        report = { path: c, changed: false, written: false, noLongerCustomer: true };
        break;
      }
      let rendered;
      try {
        rendered = renderPage(index, c, text, options.today);
      } catch (e) {
        // A bug must not cost the other pages their run; this one is left as it is.
        warnings.push({ file: c, message: `not regenerated: ${(e as Error).message} (a bug in Customer Pages; please report it)` });
        report = { path: c, changed: false, written: false, failed: true };
        break;
      }
      for (const m of rendered.warnings) warnings.push({ file: c, message: m });
      shown.clear();
      if (keepHere !== undefined) rendered = { ...rendered, text: keepTicks(index, c, rendered.text, keepHere, shown) };
      if (rendered.text === text) {
        report = { path: c, changed: false, written: false };
        break;
      }
      if (!options.write) {
        const why = io.writable && !io.writable(c) ? null : foresee(c);
        if (why !== null) {
          warnings.push({ file: c, message: `would not be written (${why})` });
          writeErrors++;
        }
        report = why === null ? { path: c, changed: true, written: false } : { path: c, changed: true, written: false, writeFailed: true };
        break;
      }
      if (io.writable && !io.writable(c)) {
        // The host has said why (the CLI: not valid UTF-8).
        report = { path: c, changed: true, written: false };
        break;
      }
      let written: boolean;
      try {
        written = await io.write(c, text, rendered.text);
      } catch (e) {
        // The host could not write it (permissions, a full disk): the other pages go on.
        warnings.push({ file: c, message: `not written (${(e as Error).message})` });
        writeErrors++;
        report = { path: c, changed: true, written: false, writeFailed: true };
        break;
      }
      if (written) {
        report = { path: c, changed: true, written: true };
        if (options.reindexWritten ?? true) tellPage(c, rendered.text);
        break;
      }
      if (stopped()) break;
      // The page changed since it was read: read it again and recompute rather than overwrite.
      const now = await readOrWhy(io, c);
      if (now === null) {
        gone = true;
        break;
      }
      if (typeof now !== "string") {
        // Its permissions taken away since it was read: left as it is, and said (not taken for gone).
        warnings.push({ file: c, message: `cannot be read (${now.why}); left as it is` });
        report = { path: c, changed: false, written: false, failed: true };
        break;
      }
      // A box the user ticked meanwhile stays ticked on the page rendered from the new text (it would
      // be rendered over and lost): the next round writes it back — the plugin's at once.
      // Read as the round reads a page's ticks: without the run's day and the sources' closed tasks,
      // a Tasks tick the page cannot tell apart was kept on the line of a task whose own date names
      // the day, and the next round closed that task (B36-F).
      const nowTicks = await ticksIn(c, now);
      // Each tick read again, with the tick of the first read it is still (none: ticked meanwhile).
      const was = ticksAgain(readTicks.get(c) ?? [], taskLinesOf(index, pageTexts.get(c)!), nowTicks, taskLinesOf(index, now), index.settings.sourceLinks);
      // The ticks not written back that the page still holds ticked, and those made meanwhile, in the
      // page's order as read again: of two lines ticking one task the upper line's status, as at the
      // first read (keptStatuses) — a line ticked meanwhile below a kept one gave the task its status
      // (B38-E) — and a line below one of another status dropped with a warning, as there (B39-B).
      const k = new TopDown(c, options.write);
      if (racedAt < 0) racedAt = warnings.length;
      raced = [];
      racedHeld = false;
      /** The candidates' texts as read for the ticks dropped (closedNow), once per read of the page. */
      const readNow = new Map<string, Reopened | null>();
      for (const [j, t] of nowTicks.entries()) {
        const w = was[j];
        if (w !== undefined) {
          const owed = owedOf?.get(w);
          if (owed !== undefined) k.line(t, owed.keys, owed.notes);
          continue;
        }
        // No open task is the one it is told to be (the page cannot tell which, or it closed
        // meanwhile): it has no line to stay on, and is dropped as a tick read at the start is.
        // Closed meanwhile (by this round, from another page, or in the note), it says where and how,
        // as the next round would have (B36-H).
        if (!tickCandidates(t).some((p) => indexedOpenTasks(index, index.note(p), p, t).length > 0)) {
          raced.push({ file: c, message: droppedTick(t, stopped() ? null : await closedNow(index, io, t, readNow)) });
          continue;
        }
        // Below a line kept with another status it is dropped, with a warning, as at the first read.
        if (k.line(t, [t.wanted], [])) racedHeld = true;
      }
      const statuses = k.statuses();
      keepHere = statuses.size > 0 ? statuses : undefined;
      overruled = k;
      if (racedHeld) raced.push({ file: c, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" });
      text = now;
      tellPage(c, now);
    }
    if (racedHeld) retick.add(c);
    if (raced.length > 0) warnings.splice(racedAt, 0, ...raced);
    if (report === null && stopped()) {
      leave(gone ? i + 1 : i);
      break;
    }
    if (gone) {
      // This round's ticks written back, and those written by an earlier round it still held.
      const held = writtenSet(c);
      const lines = options.write
        ? [...(readTicks.get(c) ?? []).filter((t) => held?.has(t.line) === true).map((t) => t.line), ...ticks.filter((t) => t.page === c && applied.has(t)).map((t) => t.line)]
        : [];
      if (lines.length > 0) goneWithTicks.push({ path: c, lines });
      continue;
    }
    if (report === null) {
      warnings.push({ file: c, message: "kept changing while it was regenerated; left as it is" });
      report = { path: c, changed: true, written: false };
    }
    pages.push(report);
    // Only a page written over them (or, in a dry run, that would be) loses the lines overruled; one
    // left as it is still shows them, and the next run meets them again.
    if (overruled !== undefined && (report.written || (report.changed && !options.write))) warnings.push(...overruled.dropped(shown));
    // Not written: the lines an earlier round wrote back are still on it as the round last read it.
    const held = writtenSet(c);
    if (options.write && !report.written && held !== undefined && held.size > 0) {
      const lines = findTicks(index, c, text)
        .filter((t) => held.has(t.line))
        .map((t) => t.line);
      if (lines.length > 0) unwrittenWithTicks.push({ path: c, lines });
    }
  }
  for (const c of customers) if (!retick.has(c)) alsoAffected.delete(c);
  for (const c of changedByPages) alsoAffected.add(c);
  const report: RegenerateReport = { pages, sources, warnings: dedupeWarnings(warnings), alsoAffected: [...alsoAffected].sort(compareCodeUnits), writeErrors };
  if (needsRematch) report.needsRematch = true;
  if (goneWithTicks.length > 0) report.goneWithTicks = goneWithTicks;
  if (unwrittenWithTicks.length > 0) report.unwrittenWithTicks = unwrittenWithTicks;
  if (unreached.length > 0) report.unreached = unreached;
  return report;
}

/** The open tasks a tick would match in a note as the index read it when the tick was found (its text cannot be read now). */
function indexedOpenTasks(index: VaultIndex, note: ParsedNote | undefined, path: string, tick: Tick): Item[] {
  if (note === undefined) return [];
  for (const link of index.resolver.linkTextForms(path, tick.page)) {
    const items = openTasksFor(note, link, tick.wanted, index.settings.sourceLinks);
    if (items.length > 0) return items;
  }
  return [];
}

/** A note's text with its closed boxes opened, parsed so, and each opened box's status by offset. */
type Reopened = { note: ParsedNote; text: string; status: Map<number, string> };

/** A note's text reopened (`boxes`: its closed boxes, when they were scanned already), or null as openClosedBoxes gives it. */
function reopen(index: VaultIndex, path: string, text: string, boxes?: ReturnType<typeof closedBoxes>): Reopened | null {
  const open = openClosedBoxes(text, boxes);
  return open === null ? null : { note: parseNote(path, open.text, index.settings).note, text: open.text, status: open.status };
}

/**
 * Where a tick's task is closed, and how: the first of its candidates whose text (`reopenedOf`)
 * holds it closed, or null.
 */
async function closedIn(index: VaultIndex, tick: Tick, reopenedOf: (path: string) => Promise<Reopened | null>): Promise<{ path: string; status: string } | null> {
  for (const path of tickCandidates(tick)) {
    const r = await reopenedOf(path);
    if (r === null) continue;
    for (const link of index.resolver.linkTextForms(path, tick.page)) {
      for (const m of matchTick(r.note, link, tick, r.text, NONE_TAKEN, index.settings.sourceLinks)) {
        const status = r.status.get(m.offset);
        if (status !== undefined) return { path, status };
      }
    }
  }
  return null;
}

/**
 * Where a tick's task is closed now, and how: as closedAs, its candidates' texts read now (for a
 * tick met after the round read the page), each once per `cache`.
 */
function closedNow(index: VaultIndex, io: RegenerateIO, tick: Tick, cache: Map<string, Reopened | null>): Promise<{ path: string; status: string } | null> {
  return closedIn(index, tick, async (path) => {
    let r = cache.get(path);
    if (r === undefined) {
      const text = await readOrWhy(io, path);
      cache.set(path, (r = typeof text === "string" ? reopen(index, path, text) : null));
    }
    return r;
  });
}

/**
 * The notes not written yet that the ticks of the notes written (`wrote`) also take — and those that
 * the ticks of these take, in turn: written too, no tick is left in some of its notes only.
 */
function stillOwed(toWrite: ReadonlyArray<readonly [string, unknown]>, wrote: ReadonlySet<string>, ticksOf: ReadonlyMap<string, Tick[]>): Set<string> {
  const notesOf = new Map<Tick, string[]>();
  for (const [path] of toWrite) {
    for (const tick of ticksOf.get(path) ?? []) {
      const list = notesOf.get(tick);
      if (list) list.push(path);
      else notesOf.set(tick, [path]);
    }
  }
  const owed = new Set<string>();
  const seen = new Set<Tick>();
  const queue: Tick[] = [];
  const reach = (path: string): void => {
    for (const tick of ticksOf.get(path) ?? []) {
      if (seen.has(tick)) continue;
      seen.add(tick);
      queue.push(tick);
    }
  };
  for (const path of wrote) reach(path);
  while (queue.length > 0) {
    for (const path of notesOf.get(queue.pop()!) ?? []) {
      if (wrote.has(path) || owed.has(path)) continue;
      owed.add(path);
      reach(path);
    }
  }
  return owed;
}

/** io.read with its failure caught: the text, null for a note that is gone, or why it cannot be read. */
async function readOrWhy(io: RegenerateIO, path: string): Promise<string | null | { why: string }> {
  try {
    return await io.read(path);
  } catch (e) {
    return { why: errorText(e) };
  }
}

/**
 * For each tick of a page read again (`now`), the tick of the first read (`read`) it still is, or
 * undefined for one ticked meanwhile. `readLines` and `nowLines` (taskLinesOf) are the page's task
 * lines as each read found them: a line's place tells (the same place when the page has as many as
 * before, else those before and after the lines added or taken away) — a tick
 * on the place of a line ticked that holds that very line is that tick, and a place ticked at the
 * first read that now holds its text (a Tasks date aside) open or of another status was taken back or
 * changed (no other line of its text is that tick). The rest by line alone,
 * first a tick read as the same task (B36-I: two ticks on identical lines, one unticked, leave one).
 * By line alone, a line ticked anew that reads as one ticked at the first read (source links off:
 * the dated task's line clicked after the plain task's Tasks tick was taken back, both `- [x] Send
 * plan ✅ <today>`) was taken for that tick, and rendered over with no word (B36-J). One pairing for
 * both the ticks kept and those added: a line is never both.
 *
 * `textTells` (source links on): a line's text names its note, so its text (a Tasks date aside)
 * tells its task, and a place that holds it with the tick's status holds that tick, its Tasks date
 * added or taken off (as on 38ecc61). Asking for the very line there took a tick written back,
 * unticked and ticked again the other way (with the Tasks plugin, or by a click), for a tick made
 * meanwhile, dropped with "the task is already closed … (ticked on another page, or in the note)"
 * (B36-L). Links off, a task's own text can end in a date: only the very line (B36-K).
 */
export function ticksAgain(
  read: readonly Tick[],
  readLines: ReadonlyArray<{ ticked: boolean; text: string }>,
  now: readonly Tick[],
  nowLines: ReadonlyArray<{ ticked: boolean; text: string }>,
  textTells = false,
): Array<Tick | undefined> {
  const placesOf = (lines: ReadonlyArray<{ ticked: boolean }>): number[] => lines.flatMap((l, i) => (l.ticked ? [i] : []));
  const readAt = placesOf(readLines);
  const nowAt = placesOf(nowLines);
  const was: Array<Tick | undefined> = now.map(() => undefined);
  const used = new Set<number>();
  if (readAt.length === read.length && nowAt.length === now.length) {
    // Where each task line of the first read is now: the same place when the page has as many, else
    // those before and after the lines added or taken away (the same text, a Tasks date aside).
    const placeOf = new Map<number, number>();
    const a = readLines.length;
    const b = nowLines.length;
    if (a === b) for (let p = 0; p < a; p++) placeOf.set(p, p);
    else {
      const least = Math.min(a, b);
      let before = 0;
      for (; before < least && readLines[before]!.text === nowLines[before]!.text; before++) placeOf.set(before, before);
      for (let after = 0; after < least - before && readLines[a - 1 - after]!.text === nowLines[b - 1 - after]!.text; after++) placeOf.set(a - 1 - after, b - 1 - after);
    }
    // A place that holds its line still (its Tasks date aside) holds its tick if it holds that very
    // line; open, or of another status, the tick was taken back or changed, and no other line is it.
    const tickAt = new Map<number, number>(nowAt.map((q, j) => [q, j]));
    for (const [i, p] of readAt.entries()) {
      const q = placeOf.get(p);
      if (q === undefined || nowLines[q]!.text !== readLines[p]!.text) continue;
      const j = tickAt.get(q);
      if (textTells) {
        used.add(i);
        if (j !== undefined && now[j]!.status === read[i]!.status) was[j] = read[i];
        continue;
      }
      // Only the very line is its tick: its text with a Tasks date cut off, the dated task's own line
      // (its text ends in a date) moved onto the place of the plain task's tick was read as that tick,
      // rendered over with no word; another line ticked alike there is left to be paired by line
      // (two such lines swapped are each still their tick, B36-K).
      if (j !== undefined && now[j]!.status === read[i]!.status && now[j]!.line !== read[i]!.line) continue;
      used.add(i);
      if (j !== undefined && now[j]!.line === read[i]!.line) was[j] = read[i];
    }
  }
  // Per line, and per line and task, the first read's ticks left, in order: each list is walked
  // once (a tick taken by the other list is skipped when met), so many identical lines cost no
  // scan per tick (B36-K: 5,000 identical lines none on its place, a scan of the line's list per
  // tick, and a splice, were quadratic).
  const byLine = new Map<string, { at: number; list: number[] }>();
  const bySame = new Map<string, { at: number; list: number[] }>();
  const both = (t: Tick): string => `${t.line}\u0000${t.wanted}`;
  const add = (m: Map<string, { at: number; list: number[] }>, key: string, i: number): void => {
    const q = m.get(key);
    if (q) q.list.push(i);
    else m.set(key, { at: 0, list: [i] });
  };
  for (const [i, r] of read.entries()) {
    if (used.has(i)) continue;
    add(byLine, r.line, i);
    add(bySame, both(r), i);
  }
  for (const sameTask of [true, false]) {
    for (const [j, t] of now.entries()) {
      if (was[j] !== undefined) continue;
      const q = sameTask ? bySame.get(both(t)) : byLine.get(t.line);
      if (q === undefined) continue;
      while (q.at < q.list.length && used.has(q.list[q.at]!)) q.at++;
      if (q.at === q.list.length) continue;
      const i = q.list[q.at++]!;
      used.add(i);
      was[j] = read[i];
    }
  }
  return was;
}

const NONE_TAKEN: ReadonlySet<number> = new Set<number>();

/**
 * What a page keeps ticked, read top down (README: two lines of one page ticking one task "are read
 * top down: the upper line's status is written, or kept on the page when its note cannot be written
 * then"): per task text, the status of the first line that holds it, as a note written would have
 * been given (§8 README: "the page read first wins"), not the status of the line read last (B38-B).
 * A line whose every task text a line above holds with another status is dropped from the page, and
 * said (B39-B: it went without a word, where a note written says "this page also ticks the same task").
 */
class TopDown {
  private readonly held = new Map<string, { status: string; notes: readonly string[] }>();
  /** The lines dropped, in the page's order, each with what the lines above hold of its keys. */
  private readonly over: Array<{ tick: Tick; above: Array<{ key: string; status: string; notes: readonly string[] }> }> = [];

  constructor(
    private readonly page: string,
    private readonly write: boolean,
  ) {}

  /**
   * The next line down, its tick kept for `keys` (its tasks' texts as the page writes them), not
   * written to `notes` (none: ticked while the page was written, not looked for yet). False when
   * it is dropped: a line above holds each of its keys with another status.
   */
  line(tick: Tick, keys: readonly string[], notes: readonly string[]): boolean {
    const over: Array<{ key: string; status: string; notes: readonly string[] }> = [];
    let stands = false;
    for (const key of keys) {
      const above = this.held.get(key);
      if (above === undefined) this.held.set(key, { status: tick.status, notes });
      if (above === undefined || above.status === tick.status) stands = true;
      else over.push({ key, ...above });
    }
    if (stands || over.length === 0) return true;
    this.over.push({ tick, above: over });
    return false;
  }

  /**
   * The warnings for the lines dropped whose task a line of the page keeps ticked (`shown`: the
   * keys keepTicks found a line for). With no such line (the note, changed meanwhile, closed the
   * task or edited its text) no line's tick is kept, and the warning would promise one (B39-G).
   */
  dropped(shown: ReadonlySet<string>): Warning[] {
    const out: Warning[] = [];
    for (const { tick, above } of this.over) {
      const by = above.find((a) => shown.has(a.key));
      if (by !== undefined) out.push({ file: this.page, message: overruledTick(tick, by.status, [...new Set(by.notes)], this.write) });
    }
    return out;
  }

  /** Task text → the status the page keeps for it. */
  statuses(): Map<string, string> {
    return new Map([...this.held].map(([key, h]) => [key, h.status]));
  }
}

/** The ticks not written back (`owed`: by note, each task text apart), each with its keys and notes in their order. */
function owedByTick(owed: ReadonlyArray<{ key: string; tick: Tick; path: string }>): Map<Tick, { keys: string[]; notes: string[] }> {
  const byTick = new Map<Tick, { keys: string[]; notes: string[] }>();
  for (const o of owed) {
    const t = byTick.get(o.tick);
    if (t === undefined) byTick.set(o.tick, { keys: [o.key], notes: [o.path] });
    else {
      t.keys.push(o.key);
      t.notes.push(o.path);
    }
  }
  return byTick;
}

/** The ticks not written back read top down, in the page's order (TopDown). */
function keptStatuses(page: string, owed: ReadonlyMap<Tick, { keys: string[]; notes: string[] }>, pageTicks: readonly Tick[], write: boolean): TopDown {
  // `owed` comes by note: the ticks of one key may come from two notes out of the page's order.
  const at = new Map(pageTicks.map((t, i) => [t, i]));
  const k = new TopDown(page, write);
  for (const [tick, { keys, notes }] of [...owed].sort(([a], [b]) => (at.get(a) ?? 0) - (at.get(b) ?? 0))) k.line(tick, keys, notes);
  return k;
}

/** The warnings, each file and message once, in their order. */
export function dedupeWarnings(ws: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = `${w.file}\u0000${w.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Why a tick went nowhere, as its warning says it. */
function droppedTick(tick: Tick, closed: { path: string; status: string } | null): string {
  const line = tick.line.trim();
  // Closed as the tick says is worth naming only in the note the line names: an older note's task
  // of the same text, closed long ago, is not the one the tick was for.
  if (closed === null || (closed.status === tick.status && closed.path !== tick.named)) {
    // An open task of its text is there, but the page does not tell that this line is it (README,
    // "Tasks and Dataview"): "no open task matches it" would deny the task the next page shows.
    if (tick.untold === true) return `tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: ${line}`;
    return `tick dropped, no open task matches it: ${line}`;
  }
  if (closed.status === tick.status) return `tick dropped, the task is already closed [${closed.status}] in ${closed.path} (ticked on another page, or in the note): ${line}`;
  return (
    `[${tick.status}] not written back: the task is already closed [${closed.status}] in ${closed.path} ` +
    `(ticked on another page, or in the note; change it there if [${tick.status}] was meant): ${line}`
  );
}

/**
 * Why a line's tick was dropped that a line above it overrules, ticking its task with another
 * status (`kept`) that the page keeps, not written to `notes` (none: ticked while the page was written).
 */
function overruledTick(tick: Tick, kept: string, notes: readonly string[], write: boolean): string {
  const not = !write ? "would not be written" : notes.length === 1 ? "was not written" : "were not written";
  const why = notes.length === 0 ? "" : `as ${notes.join(", ")} ${not} `;
  return (
    `tick dropped, a line above ticks the same task [${kept}], which the page keeps ticked ${why}` +
    `(the page's lines are read top down; the next run writes [${kept}] back: change that line to [${tick.status}] before then if [${tick.status}] was meant): ${tick.line.trim()}`
  );
}

/** Why a tick was dropped whose named note holds its task no more, another source holding one of its text open (B37-E). */
function notInNamed(tick: Tick, named: string): string {
  return (
    `tick dropped, ${named} (the note its line names) holds no open task of it any more; another note's task of ` +
    `that text is not the one ticked: the page shows it, tick it there if it is meant: ${tick.line.trim()}`
  );
}

/** Why a tick was not written to a note holding its task on identical lines, some closed (the twins' statuses). */
function ambiguousTick(tick: Tick, path: string, twins: readonly string[]): string {
  const statuses = [...new Set(twins)].map((s) => `[${s}]`).join(" ");
  return (
    `tick not written back: ${path} holds this task on identical lines, ${twins.length === 1 ? "one" : twins.length} closed ${statuses} already; ` +
    `the tick may be the one written there before (from another page, or by a run that could not write this page), ` +
    `so which line it means is unknown: tick it in the note: ${tick.line.trim()}`
  );
}

/** Finds a customer by path, basename, title or alias (ignoring case and Unicode form). */
export function findCustomer(index: VaultIndex, name: string): string[] {
  const spelled = stripMd(name.trim());
  const want = foldCase(spelled);
  const out: string[] = [];
  const exact: string[] = [];
  for (const c of index.customerPaths()) {
    const note = index.note(c)!;
    const title = note.fm.map.get("title");
    const names = [stripMd(c), note.basename, ...(typeof title === "string" ? [title] : []), ...note.aliases];
    if (names.some((n) => foldCase(n.trim()) === want)) out.push(c);
    // Pages whose paths differ only in case or Unicode form (a Linux vault keeps both) are told
    // apart as links tell them apart: a name spelled exactly as some of them picks those.
    if (names.some((n) => n.trim() === spelled)) exact.push(c);
  }
  return exact.length > 0 && exact.length < out.length ? exact : out;
}
