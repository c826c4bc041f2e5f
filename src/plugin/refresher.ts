// Regenerating pages inside Obsidian: the same round as the CLI (core/regenerate), with reads from
// the open editor or the vault, and writes through the Editor API or vault.process — only when
// the text changes. Refresh on save waits, per page, until edits settle.
import { MarkdownView, TFile, debounce, type App, type Debouncer, type Editor } from "obsidian";
import { todayFromClock } from "../core/dates";
import { regenerate, type RegenerateIO, type RegenerateReport } from "../core/regenerate";
import type { Settings } from "../core/settings";
import { findSections } from "../core/splice";
import type { Indexer } from "./indexer";
import { applyToEditor } from "./editor-apply";

export class Refresher {
  private readonly timers = new Map<string, Debouncer<[], void>>();
  /** Last time the user typed in each file (editor-change), for "wait until they stop". */
  private readonly typedAt = new Map<string, number>();
  private running: Promise<unknown> = Promise.resolve();
  private unloaded = false;
  /** The page the plugin is changing through its editor right now: that editor-change is not the user typing. */
  private writing: string | null = null;

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

  /** Refresh on save was turned off: the pages waiting are not written either. */
  cancelWaiting(): void {
    this.cancelTimers();
  }

  private cancelTimers(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  /** The plugin is unloading: nothing more is scheduled or written (a round under way writes no further page). */
  cancelAll(): void {
    this.unloaded = true;
    this.cancelTimers();
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

  /** The editors that hold the note: its tabs, and the focused editor when it is outside the tabs. */
  private openEditors(path: string): Editor[] {
    const out: Editor[] = [];
    for (const leaf of this.app.workspace.getLeavesOfType("markdown")) {
      // A deferred leaf has no MarkdownView yet: its file is written through the vault.
      if (leaf.view instanceof MarkdownView && leaf.view.file?.path === path) out.push(leaf.view.editor);
    }
    // A hover popover or a canvas card is no tab: Obsidian offers only the last focused one
    // (activeEditor), and it is used only while it has focus: a closed popover's editor may still
    // be named there, and writing into it would write nothing to disk.
    const active = this.app.workspace.activeEditor;
    const editor = active?.editor;
    if (editor !== undefined && active?.file?.path === path && editor.hasFocus() && !out.includes(editor)) out.push(editor);
    return out;
  }

  private userIsTypingInManagedSection(path: string): boolean {
    const typed = this.typedAt.get(path);
    if (typed === undefined || Date.now() - typed >= this.settings().refreshDelaySeconds * 1000) return false;
    for (const editor of this.openEditors(path)) {
      const line = editor.getCursor().line;
      const layout = findSections(editor.getValue(), this.settings());
      for (const s of layout.sections) {
        if (s.id !== null && line >= s.headingStartLine && line < s.bodyEndLine) return true;
      }
    }
    return false;
  }

  private io(): RegenerateIO {
    const { vault } = this.app;
    return {
      read: async (path) => {
        const editor = this.openEditors(path)[0];
        if (editor) return editor.getValue();
        const file = vault.getFileByPath(path);
        if (!(file instanceof TFile)) return null;
        try {
          return await vault.read(file);
        } catch {
          return null;
        }
      },
      write: async (path, expected, next) => {
        if (this.unloaded) return false;
        const editor = this.openEditors(path)[0];
        this.indexer.expectWrite(path, next);
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
          if (data !== expected || this.unloaded) return data;
          ok = true;
          return next;
        });
        if (!ok) this.indexer.cancelWrite(path);
        return ok;
      },
    };
  }

  /**
   * One regeneration round over these pages, after any round already running; `automatic` for
   * refresh on save (not a command the user ran).
   */
  regenerate(customers: readonly string[], automatic = false): Promise<RegenerateReport | null> {
    const run = this.running.then(async () => {
      const index = await this.indexer.settled();
      if (!index || this.unloaded) return null;
      const known = customers.filter((c) => index.isCustomer(c));
      if (known.length === 0) return null;
      const report = await regenerate(index, known, this.io(), { today: todayFromClock(), write: true, stopped: () => this.unloaded });
      // Disabled meanwhile: the round stopped where it was; nothing more is said or scheduled.
      if (!this.unloaded) this.onReport(report, automatic);
      return report;
    });
    this.running = run.catch(() => undefined);
    return run;
  }
}
