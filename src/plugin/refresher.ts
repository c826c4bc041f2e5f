// Regenerating pages inside Obsidian: the same round as the CLI (core/regenerate), with reads from
// the open editor or the vault, and writes through the Editor API or vault.process — only when
// the text changes. Refresh on save waits, per page, until edits settle.
import { TFile, debounce, type App, type Debouncer } from "obsidian";
import { todayFromClock } from "../core/dates";
import { regenerate, type RegenerateIO, type RegenerateReport } from "../core/regenerate";
import type { Settings } from "../core/settings";
import { findSections } from "../core/splice";
import { compareCodeUnits } from "../core/text";
import type { VaultIndex } from "../core/vault-index";
import { findTicks } from "../core/writeback";
import { isAtOrUnder, PathFollower, renamedPath, type Followed } from "./follow-paths";
import type { Indexer } from "./indexer";
import { applyToEditor } from "./editor-apply";
import { openEditors } from "./open-editors";

export class Refresher {
  private readonly timers = new Map<string, Debouncer<[], void>>();
  /** Pages whose refresh delay ran out and whose round has not started yet (an earlier round may take them along). */
  private readonly queued = new Set<string>();
  /** Last time the user typed in each file (editor-change), for "wait until they stop". */
  private readonly typedAt = new Map<string, number>();
  private running: Promise<unknown> = Promise.resolve();
  private unloaded = false;
  /** The page the plugin is changing through its editor right now: that editor-change is not the user typing. */
  private writing: string | null = null;
  /** Where the pages of the round under way go meanwhile (renamed, moved, deleted). */
  private readonly moving = new PathFollower();
  /**
   * Pages a round found moved after it had written their ticks back, by where they are now, with
   * those ticked lines: the page still holds them, and its next round takes them for written
   * (core/regenerate's writtenTicks) rather than meet them again — dropped as closed "on another
   * page", or refused on a task held on identical lines. Kept while the page cannot be written
   * (core/regenerate's unwrittenWithTicks) and while it is no customer page (moved out, its type
   * changed): back, it still holds them, and met again they would close a task reopened in the
   * note meanwhile. Gone with the page when it is deleted, and when the plugin unloads.
   */
  private readonly writtenTicks = new Map<string, readonly string[]>();
  /**
   * Pages refresh on save did not write while a note could not be read (see held): they join the
   * next round of refresh on save that can write, as their changes would otherwise wait for the next.
   */
  private readonly heldPages = new Set<string>();

  constructor(
    private readonly app: App,
    private readonly indexer: Indexer,
    private readonly settings: () => Settings,
    private readonly onReport: (report: RegenerateReport, automatic: boolean) => void = () => undefined,
  ) {}

  noteTyping(path: string): void {
    if (path !== this.writing) this.typedAt.set(path, Date.now());
  }

  /** Regenerates these pages after the refresh delay, each on its own timer. */
  schedule(customers: Iterable<string>): void {
    if (this.unloaded) return;
    const delay = Math.max(0, this.settings().refreshDelaySeconds * 1000);
    for (const c of customers) {
      let timer = this.timers.get(c);
      if (!timer) {
        timer = debounce(() => this.due(c), delay, true);
        this.timers.set(c, timer);
      }
      timer();
    }
  }

  /** A new delay: the pages waiting for the old one wait for the new one instead. */
  resetTimers(): void {
    const waiting = [...this.timers.keys()];
    this.cancelTimers();
    this.schedule(waiting);
  }

  /**
   * The index may hold no unreadable note any more (read at last, deleted, moved out of the notes or
   * excluded, a rebuild): the pages refresh on save held are scheduled, as their change would have
   * been — the event that lifted the hold may change none of them, and they would wait for another
   * change (B30-F).
   */
  released(): void {
    if (this.unloaded || this.heldPages.size === 0 || this.indexer.holdsLost) return;
    const held = [...this.heldPages];
    this.heldPages.clear();
    this.schedule(held);
  }

  /** Refresh on save was turned off: the pages waiting are not written either. */
  cancelWaiting(): void {
    this.cancelTimers();
    this.heldPages.clear();
  }

  private cancelTimers(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  /** The plugin is unloading: nothing more is scheduled or written (a round under way writes no further page). */
  cancelAll(): void {
    this.unloaded = true;
    this.cancelTimers();
    this.queued.clear();
    this.writtenTicks.clear();
    this.heldPages.clear();
  }

  /** Follows a file through renames and deletes until `stop` (the commands follow their pages). */
  follow(path: string): { followed: Followed; stop: () => void } {
    return this.moving.follow(path);
  }

  /** A file or folder renamed or moved (the vault's event). */
  renamed(from: string, to: string): void {
    this.moving.renamed(from, to);
    if (this.writtenTicks.size === 0) return;
    for (const [path, lines] of [...this.writtenTicks]) {
      const now = renamedPath(path, from, to);
      if (now === null) continue;
      this.writtenTicks.delete(path);
      this.writtenTicks.set(now, lines);
    }
  }

  /** A file or folder deleted (the vault's event). */
  deleted(path: string): void {
    this.moving.deleted(path);
    for (const p of [...this.writtenTicks.keys()]) if (isAtOrUnder(p, path)) this.writtenTicks.delete(p);
  }

  private due(customer: string): void {
    this.timers.delete(customer);
    if (this.unloaded) return;
    if (this.userIsTypingInManagedSection(customer)) {
      this.schedule([customer]);
      return;
    }
    void this.regenerate([customer], true);
  }


  private userIsTypingInManagedSection(path: string): boolean {
    const typed = this.typedAt.get(path);
    if (typed === undefined || Date.now() - typed >= this.settings().refreshDelaySeconds * 1000) return false;
    for (const editor of openEditors(this.app, path)) {
      const line = editor.getCursor().line;
      const layout = findSections(editor.getValue(), this.settings());
      for (const s of layout.sections) {
        if (s.id !== null && line >= s.headingStartLine && line < s.bodyEndLine) return true;
      }
    }
    return false;
  }

  /** `index`: the one the round updates with what it writes, so that only it skips the write's event. */
  private io(index: VaultIndex): RegenerateIO {
    const { vault } = this.app;
    return {
      read: async (path) => {
        const editor = openEditors(this.app, path)[0];
        if (editor) return editor.getValue();
        const file = vault.getFileByPath(path);
        if (!(file instanceof TFile)) return null;
        try {
          return await vault.read(file);
        } catch (e) {
          // Gone meanwhile is null; a note that is there and cannot be read is said (core/regenerate).
          if (vault.getFileByPath(path) === null) return null;
          throw e instanceof Error ? e : new Error(String(e));
        }
      },
      // Disabled, nothing more is written — but the notes of a tick already written to some of its
      // notes (`finishing`): the next run, finding the task closed in one, would drop it (B37-F).
      write: async (path, expected, next, finishing) => {
        if (this.unloaded && finishing !== true) return false;
        const editor = openEditors(this.app, path)[0];
        this.indexer.expectWrite(path, next, index);
        if (editor) {
          this.writing = path;
          let ok: boolean;
          try {
            ok = applyToEditor(editor, expected, next);
          } finally {
            this.writing = null;
          }
          if (!ok) this.indexer.cancelWrite(path);
          return ok;
        }
        const file = vault.getFileByPath(path);
        if (!(file instanceof TFile)) {
          this.indexer.cancelWrite(path);
          return false;
        }
        let ok = false;
        await vault.process(file, (data) => {
          // Obsidian reads the file before it calls this: the plugin may have been disabled meanwhile.
          if (data !== expected || (this.unloaded && finishing !== true)) return data;
          ok = true;
          return next;
        });
        if (!ok) this.indexer.cancelWrite(path);
        return ok;
      },
    };
  }

  /**
   * The pages still waiting for their refresh delay that hold a tick not yet written back, taken out
   * of their wait: they join this round, so that the same task ticked on two pages is one tick, as in
   * one run of the CLI (§8, README). A page without ticks keeps its own timing, and so does one whose
   * managed sections the user is typing in. Only these few pages are read, once per round.
   */
  private async waitingWithTicks(index: VaultIndex, round: readonly string[]): Promise<string[]> {
    // A page whose delay runs out while they are read is due: queued for a round of its own.
    const isWaiting = (c: string): boolean => this.timers.has(c) || this.queued.has(c);
    const waiting = [...this.timers.keys()].filter((c) => !round.includes(c) && index.isCustomer(c));
    if (waiting.length === 0) return [];
    const io = this.io(index);
    const texts = new Map<string, string | null>();
    for (const c of waiting) {
      if (this.unloaded) return [];
      // One that cannot be read is not taken along: its own round says so.
      texts.set(c, await io.read(c).catch(() => null));
    }
    const taken: string[] = [];
    for (const c of waiting) {
      const text = texts.get(c) ?? null;
      // Still waiting after the reads (turning Refresh on save off cancels the wait), with a tick.
      if (this.unloaded || !isWaiting(c) || text === null || findTicks(index, c, text).length === 0) continue;
      if (this.userIsTypingInManagedSection(c)) continue;
      this.timers.get(c)?.cancel();
      this.timers.delete(c);
      this.queued.delete(c);
      taken.push(c);
    }
    return taken;
  }

  /**
   * A round while the index holds none of a note it could not read (Indexer.lost): it writes
   * nothing — any page could lack what that note gives, and refresh on save would write it so —
   * and reports each page not regenerated, naming the note. The notes are read again before each
   * round; refresh on save's pages wait for its next round that can write (heldPages).
   */
  private held(index: VaultIndex, pages: readonly string[], automatic: boolean): RegenerateReport | null {
    const known = pages.filter((c) => index.isCustomer(c));
    if (known.length === 0) return null;
    if (automatic) for (const c of known) this.heldPages.add(c);
    const lost = this.indexer.lost;
    const notes = lost.length === 1 ? lost[0]! : `${lost[0]!} and ${lost.length - 1} more`;
    const message = `not regenerated while a note cannot be read (${notes}): the page could lack what it gives`;
    const report: RegenerateReport = {
      pages: known.map((path) => ({ path, changed: false, written: false, failed: true })),
      sources: [],
      warnings: known.map((file) => ({ file, message })),
      alsoAffected: [],
      writeErrors: 0,
    };
    this.onReport(report, automatic);
    return report;
  }

  /**
   * One regeneration round over these pages, after any round already running; `automatic` for
   * refresh on save (not a command the user ran). An automatic round takes every page whose delay
   * has run out and whose round has not started yet (its own is then empty); every round takes the
   * pages still waiting that hold ticks (waitingWithTicks).
   */
  regenerate(customers: readonly string[], automatic = false): Promise<RegenerateReport | null> {
    if (automatic) for (const c of customers) this.queued.add(c);
    const run = this.running.then(async () => {
      // A refresh on save reads again only a few of the notes that could not be read (see
      // RETRIES_PER_ROUND); a command reads them all.
      const index = await this.indexer.settled(automatic);
      if (!index || this.unloaded) return null;
      let pages = customers;
      if (automatic) {
        // Due pages, this one among them unless an earlier round took it (regenerated there already).
        // A page may have waited here behind a round (or a rebuild) since its delay ran out, and the
        // user may have started typing in its managed sections meanwhile: it waits again, as due() has it.
        const due = [...this.queued].filter((c) => {
          if (!this.userIsTypingInManagedSection(c)) return true;
          this.schedule([c]);
          return false;
        });
        this.queued.clear();
        if (due.length === 0) return null;
        if (this.indexer.holdsLost) return this.held(index, due, true);
        for (const c of this.heldPages) if (!due.includes(c) && !this.timers.has(c)) due.push(c);
        this.heldPages.clear();
        // Sorted as the CLI and "Regenerate every customer page" read them: the page read first
        // wins a task ticked with two statuses.
        pages = [...due, ...(await this.waitingWithTicks(index, due))].sort(compareCodeUnits);
        if (this.unloaded) return null;
      } else {
        if (this.indexer.holdsLost) return this.held(index, customers, false);
        // A command takes them along too: a tick of a page it leaves waiting would meet a task its
        // round closed on one of two identical lines, and be refused (core/regenerate).
        const taken = await this.waitingWithTicks(index, customers);
        if (this.unloaded) return null;
        if (taken.length > 0) pages = [...customers, ...taken].sort(compareCodeUnits);
      }
      const known = pages.filter((c) => index.isCustomer(c));
      if (known.length === 0) return null;
      let written: Map<string, readonly string[]> | undefined;
      for (const c of known) {
        const lines = this.writtenTicks.get(c);
        if (lines === undefined) continue;
        (written ??= new Map()).set(c, lines);
        this.writtenTicks.delete(c);
      }
      const follows = known.map((c) => this.moving.follow(c));
      let report: RegenerateReport;
      try {
        report = await regenerate(index, known, this.io(index), { today: todayFromClock(), write: true, stopped: () => this.unloaded, writtenTicks: written });
      } finally {
        for (const f of follows) f.stop();
      }
      // Pages still holding ticks written back, wherever they are now: gone from where the round
      // looked (moved meanwhile), or not written (the write failed, they kept changing).
      const holding = [...(report.goneWithTicks ?? []).map((g) => ({ ...g, gone: true })), ...(report.unwrittenWithTicks ?? []).map((g) => ({ ...g, gone: false }))];
      for (const g of holding) {
        const now = follows.find((f) => f.followed.from === g.path)?.followed.path;
        if (now !== null && now !== undefined && (!g.gone || now !== g.path) && !this.unloaded) this.writtenTicks.set(now, g.lines);
      }
      // A page the round wrote from an open editor's text may no longer be a customer's (the file was
      // changed outside while the editor held unsaved edits): its names went, and every note's
      // mentions are matched again, as for such a change from outside (B41-G).
      if (report.needsRematch === true && !this.unloaded) this.indexer.namesChanged();
      // Disabled meanwhile: the round stopped where it was; nothing more is said or scheduled.
      if (!this.unloaded) this.onReport(report, automatic);
      return report;
    });
    this.running = run.catch(() => undefined);
    return run;
  }
}
