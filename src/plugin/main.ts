// Customer Pages for Obsidian: commands, refresh on save, the account-status panel and settings,
// thin over the same core the command-line tool runs.
import { Notice, Plugin, debounce, type Debouncer, type TFile } from "obsidian";
import { ignoredPeopleWarnings } from "../core/page";
import type { RegenerateReport } from "../core/regenerate";
import type { VaultIndex, Warning } from "../core/vault-index";
import { harvestSources } from "../core/writeback";
import { cloneSettings, invalidJsonWarning, mergeSettings, type Settings } from "../core/settings";
import { sectionNameProblems } from "../core/splice";
import { parseJson } from "../core/text";
import { Indexer } from "./indexer";
import { renamedPath } from "./follow-paths";
import { customersFor } from "./panel-model";
import { Refresher } from "./refresher";
import { CustomerPagesSettingTab } from "./settings-tab";
import { STATUS_VIEW, StatusView } from "./status-view";
import { WarningsModal } from "./warnings-modal";
import { warningsModel } from "./warnings-model";

/** How long to wait for Obsidian's first metadata resolution before indexing anyway. */
const RESOLVE_WAIT_MS = 3000;

/** How long the notes must stay unchanged before the panel's warning count is worked out again. */
const RECOUNT_MS = 2000;

export default class CustomerPagesPlugin extends Plugin {
  settings!: Settings;
  indexer!: Indexer;
  private refresher!: Refresher;
  private settingTab!: CustomerPagesSettingTab;
  private rebuild!: Debouncer<[], void>;
  /** Per page, the warnings its last round logged (see afterRound). */
  private readonly logged = new Map<string, Set<string>>();
  /**
   * The warnings of the latest regeneration rounds, with the pages of the round that gave each. A
   * round replaces the warnings of earlier rounds about its pages, and those about other notes (a
   * tick not written back to its note) of earlier rounds that shared a page with it.
   */
  private roundWarnings: Array<{ pages: ReadonlySet<string>; warning: Warning; round: number }> = [];
  /** Rounds reported so far (afterRound), and the number of each report: "Regenerate every customer page" drops the earlier rounds' warnings. */
  private rounds = 0;
  private readonly roundOf = new WeakMap<RegenerateReport, number>();
  /**
   * The warnings last worked out, for what state, and how many "Show warnings" lists: the open list
   * and the panel's link read them until something that changes them happens (see warningCount).
   */
  private worked: { index: VaultIndex; epoch: number; notes: number; result: { settings: string[]; warnings: Warning[] }; count: number } | null = null;
  /** Bumped by a round's or the settings' warnings changing: the panel's count is worked out at once. */
  private warningsEpoch = 0;
  /** Bumped by every change of a note: the panel's count follows once the changes pause (recount). */
  private notesEpoch = 0;
  private recount!: Debouncer<[], void>;
  /** The "Show warnings" modal, while it is open (closed when the plugin unloads). */
  private warningsModal: WarningsModal | null = null;
  /**
   * What is wrong with data.json as the plugin last read or wrote it (invalid values, section names
   * that clash or cannot be found again): the CLI says the same for the same file.
   */
  private dataWarnings: string[] = [];
  /**
   * Set while data.json holds text JSON cannot read (a merge conflict, a file cut short by a crash):
   * the first save keeps that text in a copy before writing the settings over it.
   */
  private unreadableData: { kept: Promise<boolean> | null } | null = null;
  /** Set by onunload: work that outlives the plugin (a callback Obsidian still runs, a round under way) stops. */
  private unloaded = false;

  override async onload(): Promise<void> {
    // Enabled in a running Obsidian (installed, turned on, or reloaded by an update): its links were
    // resolved long ago, and Obsidian sends `resolved` again only after some note changes.
    const enabledLate = this.app.workspace.layoutReady;
    // Obsidian may resolve its links before the layout is ready, or after, and goes on starting up
    // while data.json loads: heard from the start, an early `resolved` is not waited for again.
    let resolved = enabledLate;
    const early = this.app.metadataCache.on("resolved", () => {
      resolved = true;
      this.app.metadataCache.offref(early);
    });
    this.registerEvent(early);
    await this.loadSettings();
    this.indexer = new Indexer(this.app, this.settings);
    this.refresher = new Refresher(this.app, this.indexer, () => this.settings, (r, automatic) => this.afterRound(r, automatic));
    this.rebuild = debounce(() => void this.indexer.applySettings(), 500, true);
    // Counting the warnings reads every note's links (≈ 40 ms at 50,000 notes): not at every save.
    this.recount = debounce(() => this.recountWarnings(), RECOUNT_MS, true);

    this.registerView(STATUS_VIEW, (leaf) => new StatusView(leaf, this));
    // The panel's links show Page preview on hover, with Mod as Obsidian's setting for it says.
    this.registerHoverLinkSource(STATUS_VIEW, { display: "Account status panel", defaultMod: true });
    this.addRibbonIcon("briefcase", "Open account status panel", () => void this.openPanel());
    this.addCommand({
      id: "regenerate-page",
      name: "Regenerate customer page",
      checkCallback: (checking) => {
        const target = this.customerForActiveFile();
        if (target === null) return false;
        if (!checking) void this.regeneratePages([target], true);
        return true;
      },
    });
    this.addCommand({
      id: "regenerate-all",
      // Obsidian's review rules forbid the plugin's name ("Customer Pages") in a command name.
      name: "Regenerate every customer page",
      callback: () => void this.regenerateAll(),
    });
    this.addCommand({
      id: "show-warnings",
      name: "Show warnings",
      callback: () => void this.showWarnings(),
    });
    this.addCommand({
      id: "open-status-panel",
      name: "Open account status panel",
      callback: () => void this.openPanel(),
    });
    this.settingTab = new CustomerPagesSettingTab(this.app, this);
    this.addSettingTab(this.settingTab);
    // A field typed and never left — the app quit with it focused — would otherwise be lost: a window
    // closing fires no change event. The quit waits for the save.
    this.registerEvent(
      this.app.workspace.on("quit", (tasks) => {
        const typed = this.settingTab.takeTyped();
        if (typed !== null) tasks.addPromise(this.changeSettings(typed));
      }),
    );

    this.registerEvent(
      this.indexer.onEvent("changed", (affected) => {
        this.notesEpoch++;
        // An open list follows notes fixed or broken once the changes pause, as the panel's count does.
        if (this.warningsModal !== null) this.recount();
        if (this.settings.refreshOnSave) {
          this.refresher.schedule(affected);
          // The change may have lifted the hold of an unreadable note: the pages it held follow.
          this.refresher.released();
        }
      }),
    );
    // A note's read failing or read at last is a warning come or gone, of a note that may change no
    // page (its "changed" names no customer, and the panel, drawing nothing, asks no count): the
    // count follows once the notes pause, as for any other change.
    this.registerEvent(this.indexer.onEvent("unreadable", () => this.recount()));
    // A round's warnings name the pages and notes of that round: a note or folder renamed since is
    // the same file, so later rounds of the page under its new path replace them.
    this.registerEvent(
      this.app.vault.on("rename", (file, oldPath) => {
        this.renameInWarnings(oldPath, file.path);
        this.refresher.renamed(oldPath, file.path);
      }),
    );
    this.registerEvent(
      this.app.vault.on("delete", (file) => {
        this.refresher.deleted(file.path);
      }),
    );
    // A settings change that rebuilds the index changes the warnings the index tells (a kind folder
    // excluded, an ignored person who is nobody) only once the new index is in use.
    // A rebuild may hold no unreadable note any more (its folder excluded): the pages held follow.
    this.registerEvent(
      this.indexer.onEvent("ready", () => {
        this.updateWarningsModal();
        if (this.settings.refreshOnSave) this.refresher.released();
      }),
    );
    this.registerEvent(
      this.app.workspace.on("editor-change", (_editor, info) => {
        if (info.file) this.refresher.noteTyping(info.file.path);
      }),
    );

    this.app.workspace.onLayoutReady(() => this.startIndexing(resolved));
  }

  override onunload(): void {
    this.unloaded = true;
    // Text typed in the tab and not applied yet (the tab removed without being hidden) is still saved.
    const typed = this.settingTab.takeTyped();
    if (typed !== null) void this.changeSettings(typed);
    this.warningsModal?.close();
    this.refresher.cancelAll();
    this.rebuild.cancel();
    this.recount.cancel();
    this.indexer.dispose();
  }

  /** Indexes once the workspace is ready and Obsidian has resolved its links (or after a short wait). */
  private startIndexing(resolved: boolean): void {
    // Obsidian runs onLayoutReady callbacks also for a plugin disabled before the layout was ready:
    // what it would register now would never be released, and the vault would be read for nothing.
    if (this.unloaded) return;
    let started = false;
    const start = (): void => {
      if (started) return;
      started = true;
      this.app.metadataCache.offref(ref);
      window.clearTimeout(timer);
      for (const r of this.indexer.listen()) this.registerEvent(r);
      void this.indexer.build();
    };
    const ref = this.app.metadataCache.on("resolved", start);
    this.registerEvent(ref);
    const timer = window.setTimeout(start, RESOLVE_WAIT_MS);
    this.register(() => window.clearTimeout(timer));
    if (resolved) start();
  }

  private customerForActiveFile(): string | null {
    // While a settings change rebuilds the index, the last one answers; the round waits for the new one.
    const index = this.indexer.latest;
    const file: TFile | null = this.app.workspace.getActiveFile();
    if (!index || !file) return null;
    const customers = customersFor(index, file.path);
    return customers.length === 1 ? customers[0]! : null;
  }

  async regeneratePages(customers: string[], notify: boolean): Promise<RegenerateReport | null> {
    const page = customers[0];
    const follow = page === undefined ? null : this.refresher.follow(page);
    try {
      let report = await this.refresher.regenerate(customers);
      const moved = follow?.followed;
      // Renamed, moved or deleted before its round wrote it: the round says nothing under a path it
      // no longer has. Renamed or moved, it is regenerated where it went (once: a page that keeps
      // moving is said to), as refresh on save would; the notice says what became of it.
      if (moved !== undefined && moved.path !== moved.from && !hasPage(report, moved.from) && !this.unloaded) {
        const now = moved.path;
        if (now !== null) report = await this.refresher.regenerate([now]);
        if (notify && !this.unloaded) new Notice(movedNotice(report, now, moved.path, this.indexer.latest, this.listed));
        return report;
      }
      // No report: the note is no customer page any more (a settings change while the command waited),
      // or the plugin was disabled meanwhile, which says nothing more.
      if (notify && !this.unloaded) new Notice(report ? pageNotice(report, page, this.indexer.latest, this.listed) : "Customer page: nothing to regenerate.");
      return report;
    } finally {
      follow?.stop();
    }
  }

  async regenerateAll(): Promise<RegenerateReport | null> {
    // Also for a rebuild the settings just changed call for, or a matching of changed names: seconds in a large vault.
    if (this.indexer.busy) new Notice("Customer pages: indexing the vault; the pages follow.");
    const index = await this.indexer.settled();
    if (!index || this.unloaded) return null;
    const customers = index.customerPaths();
    const follows = customers.map((c) => this.refresher.follow(c));
    let first: RegenerateReport | null;
    let report: RegenerateReport | null;
    try {
      // No customer page at all (the customers folder excluded, say) still ends with the notice and
      // its warnings, as the CLI prints its summary.
      first = customers.length === 0 ? { pages: [], sources: [], warnings: [], alsoAffected: [], writeErrors: 0 } : await this.refresher.regenerate(customers);
      report = first;
      // Pages renamed or moved before the round wrote them have no report under the path it had
      // (Sync, another tab): a second round regenerates them where they went, as the command for one
      // page does — with refresh on save off nothing else would.
      const moved = follows.map((f) => f.followed).filter((f) => f.path !== null && f.path !== f.from && !hasPage(first, f.from));
      if (first !== null && moved.length > 0 && !this.unloaded) {
        const second = await this.refresher.regenerate(moved.map((f) => f.path!));
        if (second !== null) report = joinReports(first, second);
      }
    } finally {
      for (const f of follows) f.stop();
    }
    // A round over every page replaces every earlier round's warnings, also those of rounds whose
    // pages are no customer pages any more (moved, renamed: afterRound sees no page in common); no
    // page at all, too. Rounds reported after it (refresh on save) keep theirs.
    if (!this.unloaded && (customers.length === 0 || first !== null)) {
      const round = first === null ? undefined : this.roundOf.get(first);
      const from = round ?? this.rounds + 1;
      const before = this.roundWarnings.length;
      this.roundWarnings = this.roundWarnings.filter((e) => e.round >= from);
      if (this.roundWarnings.length !== before || customers.length === 0) {
        this.warningsChanged();
        // The panel's link counts them.
        this.refreshPanels();
      }
    }
    if (report && !this.unloaded) {
      // As the CLI does: what is wrong with the settings that only the vault tells (a kind folder
      // excluded, an ignored person who is nobody) and the vault's own warnings (invalid
      // frontmatter, unresolved links) count too.
      const settingsWarnings = this.settingsWarnings(index);
      for (const m of settingsWarnings) console.warn(`Customer Pages: ${m}`);
      const vaultWarnings = this.vaultWarnings(index);
      // Still logged, as before, for those who look there.
      for (const v of vaultWarnings) console.warn(`Customer Pages: ${v.file}: ${v.message}`);
      const changed = report.pages.filter((p) => p.written).length;
      // Pages that could not be read or rendered, or held while a note cannot be read, are counted
      // as the CLI's summary counts them ("failed"): else the notice reads as if they were up to date.
      // So are those left unwritten (a full disk, or they kept changing: the CLI's "not written"),
      // which read as changed.
      const failed = report.pages.filter((p) => p.failed === true || (p.changed && !p.written)).length;
      // Pages made no customer page while the round ran, left as they are: counted as the CLI's
      // summary counts them. Show warnings leaves out their warnings (no customer page), so the
      // count does too, or it would point to warnings the list does not hold.
      const noLonger = new Set(report.pages.filter((p) => p.noLongerCustomer === true).map((p) => p.path));
      const w = report.warnings.filter((x) => !noLonger.has(x.file)).length + settingsWarnings.length + vaultWarnings.length;
      new Notice(
        `Customer pages: ${changed} of ${report.pages.length} changed, ${failed > 0 ? `${failed} could not be regenerated, ` : ""}` +
          `${noLonger.size > 0 ? `${noLonger.size} no customer page any more, ` : ""}` +
          `${w} warning${w === 1 ? "" : "s"}${w > 0 ? ` (the command "Show warnings" lists ${w === 1 ? "it" : "them"})` : ""}.`,
      );
    }
    return report;
  }

  /**
   * What is wrong with the settings, in the CLI's order: data.json's own (an invalid value, a section
   * name that clashes), then what only the vault tells (a kind folder excluded, an ignored person
   * who is nobody).
   */
  private settingsWarnings(index: VaultIndex): string[] {
    return [...this.dataWarnings, ...this.indexer.configWarnings, ...ignoredPeopleWarnings(index)];
  }

  /**
   * Every warning there is now: the settings' (a kind folder excluded, an ignored person who is
   * nobody), the vault's own (from the index as it is now, so a fixed note's warning is gone) and
   * those of the latest rounds (for notes that still exist, and pages that are still customer pages).
   */
  currentWarnings(index: VaultIndex): { settings: string[]; warnings: Warning[] } {
    // The open list and the panel's count ask for the same list at the same moment (a round's end,
    // a pause in the changes): worked out once while nothing that changes it has happened.
    const m = this.worked;
    if (m !== null && m.index === index && m.epoch === this.warningsEpoch && m.notes === this.notesEpoch) return m.result;
    const result = this.workOutWarnings(index);
    const count = warningsModel(result.settings, result.warnings, 0).total;
    this.worked = { index, epoch: this.warningsEpoch, notes: this.notesEpoch, result, count };
    return result;
  }

  /** The vault's warnings: notes Obsidian could not read, then what the index finds in the others. */
  private vaultWarnings(index: VaultIndex): Warning[] {
    return [...this.indexer.readWarnings, ...index.warnings()];
  }

  /** Whether Show warnings can list a warning about `file`: it lists none about a file that is not there (workOutWarnings). */
  private readonly listed = (file: string): boolean => this.app.vault.getFileByPath(file) !== null;

  private workOutWarnings(index: VaultIndex): { settings: string[]; warnings: Warning[] } {
    const settings = this.settingsWarnings(index);
    const warnings = this.vaultWarnings(index);
    // Asked once per round (its entries share their set of pages).
    const pagesLeft = new Map<ReadonlySet<string>, boolean>();
    for (const { pages, warning } of this.roundWarnings) {
      if (!this.listed(warning.file)) continue;
      if (pages.has(warning.file)) {
        if (!index.isCustomer(warning.file)) continue;
      } else {
        // About another note (a tick not written back to it), from a round none of whose pages is
        // there any more: deleted, or moved by another program — which Obsidian's file watcher
        // reports as a delete and a create, so no later round of theirs replaces it (B32-C). The
        // ticks it is about went with them; the page where one went says what its round did.
        let left = pagesLeft.get(pages);
        if (left === undefined) pagesLeft.set(pages, (left = [...pages].some(this.listed)));
        if (!left) continue;
      }
      warnings.push(warning);
    }
    return { settings, warnings };
  }

  /**
   * How many warnings "Show warnings" would list now, or null before the first index. Counting
   * takes index.warnings() (≈ 40 ms at 50,000 notes): done again only after a change of the vault,
   * the settings or a round, when the panel asks.
   */
  warningCount(): number | null {
    const index = this.indexer.ready;
    if (index === null) return null;
    const c = this.worked;
    if (c !== null && c.index === index && c.epoch === this.warningsEpoch) {
      // Notes changed since: the count shown stands until the changes pause (typing saves every
      // few seconds), then it is worked out again and the panel drawn anew if it differs.
      if (c.notes !== this.notesEpoch) this.recount();
      return c.count;
    }
    this.currentWarnings(index);
    return this.worked!.count;
  }

  private recountWarnings(): void {
    const before = this.worked;
    this.updateWarningsModal();
    const index = this.indexer.ready;
    if (this.unloaded || index === null || before === null || before.notes === this.notesEpoch) return;
    this.currentWarnings(index);
    if (this.worked!.count !== before.count) this.refreshPanels();
  }

  /** The "Show warnings" command: a modal listing the warnings, grouped by file. */
  async showWarnings(): Promise<void> {
    if (this.indexer.busy) new Notice("Customer pages: indexing the vault; the warnings follow.");
    const index = await this.indexer.settled();
    if (!index || this.unloaded) return;
    const { settings, warnings } = this.currentWarnings(index);
    this.warningsModal?.close();
    const modal = new WarningsModal(this.app, warningsModel(settings, warnings), (m) => {
      if (this.warningsModal === m) this.warningsModal = null;
    });
    this.warningsModal = modal;
    modal.open();
  }

  /** The warnings of a round or the settings changed: counted again, and an open list shows them. */
  private warningsChanged(): void {
    this.warningsEpoch++;
    this.updateWarningsModal();
  }

  /**
   * An open "Show warnings" list drawn again with the warnings as they are now. While the index is
   * being rebuilt it waits for the new one (the indexer's "ready" calls this again).
   */
  private updateWarningsModal(): void {
    const modal = this.warningsModal;
    const index = this.indexer.ready;
    if (modal === null || index === null || this.unloaded) return;
    const { settings, warnings } = this.currentWarnings(index);
    modal.update(warningsModel(settings, warnings));
  }

  private afterRound(report: RegenerateReport, automatic: boolean): void {
    // Refresh on save runs at every pause in typing: a page's standing warning (a section twice) is
    // logged when it appears, not again at each save. A command says everything, every time.
    for (const w of report.warnings) {
      if (automatic && this.logged.get(w.file)?.has(w.message) === true) continue;
      console.warn(`Customer Pages: ${w.file}: ${w.message}`);
    }
    for (const p of report.pages) this.logged.set(p.path, new Set(report.warnings.filter((w) => w.file === p.path).map((w) => w.message)));
    const pages: ReadonlySet<string> = new Set(report.pages.map((p) => p.path));
    const before = this.roundWarnings.length;
    // The entries of one round share their set of pages: whether it meets this round's is asked once.
    const overlaps = new Map<ReadonlySet<string>, boolean>();
    const overlap = (earlier: ReadonlySet<string>): boolean => {
      let o = overlaps.get(earlier);
      if (o === undefined) overlaps.set(earlier, (o = [...earlier].some((p) => pages.has(p))));
      return o;
    };
    this.roundWarnings = this.roundWarnings.filter((e) => !pages.has(e.warning.file) && (e.pages.has(e.warning.file) || !overlap(e.pages)));
    const kept = this.roundWarnings.length;
    const round = ++this.rounds;
    this.roundOf.set(report, round);
    for (const warning of report.warnings) this.roundWarnings.push({ pages, warning, round });
    this.warningsChanged();
    if (report.alsoAffected.length > 0 && this.settings.refreshOnSave) this.refresher.schedule(report.alsoAffected);
    // The round told the index about its own writes (no event follows them): the panel draws them now.
    // So does a change in the warnings (the panel's link counts them).
    const warningsChanged = report.warnings.length > 0 || kept !== before;
    if (warningsChanged || report.pages.some((p) => p.written) || report.sources.some((s) => s.written)) this.refreshPanels();
  }

  private renameInWarnings(from: string, to: string): void {
    const moved = (p: string): string => renamedPath(p, from, to) ?? p;
    this.worked = null;
    this.roundWarnings = this.roundWarnings.map((e) => ({
      pages: new Set([...e.pages].map(moved)),
      warning: { ...e.warning, file: moved(e.warning.file) },
      round: e.round,
    }));
  }

  private refreshPanels(): void {
    for (const leaf of this.app.workspace.getLeavesOfType(STATUS_VIEW)) if (leaf.view instanceof StatusView) leaf.view.refresh();
  }

  async openPanel(): Promise<void> {
    const { workspace } = this.app;
    let leaf = workspace.getLeavesOfType(STATUS_VIEW)[0];
    if (!leaf) {
      leaf = workspace.getRightLeaf(false) ?? undefined;
      if (!leaf) return;
      await leaf.setViewState({ type: STATUS_VIEW, active: true });
    }
    await workspace.revealLeaf(leaf);
  }

  async loadSettings(): Promise<void> {
    const read = await this.readData();
    // Obsidian's loadData throws for such a file: the plugin would not load at all. The defaults
    // are used instead, and the file stays as it is until a setting is changed (saveSettings).
    ({ settings: this.settings, warnings: this.dataWarnings } = settingsFrom(read.ok ? read.data : null));
    if (!read.ok) {
      this.unreadableData = { kept: null };
      this.dataWarnings.unshift(invalidJsonWarning(read.error, `using the defaults; a change in the settings tab saves them, keeping the file as ${DATA_COPY}`));
    }
    for (const w of this.dataWarnings) console.warn(`Customer Pages: ${w}`);
  }

  /** data.json's contents (null when there is none), or what stopped Obsidian from reading it. */
  private async readData(): Promise<{ ok: true; data: unknown } | { ok: false; error: unknown }> {
    try {
      return { ok: true, data: await this.loadData() };
    } catch (error) {
      // loadData parses the text as it is, and a byte order mark (Notepad's "UTF-8 with BOM", an
      // edit made for the CLI) makes it throw: the CLI skips the mark and reads the settings, so the
      // plugin does too — else each would make other pages from one file. Text that is still no
      // JSON is warned about with the error the CLI quotes for it (that of the text after the mark).
      let text: string;
      try {
        text = await this.app.vault.adapter.read(this.dataPath());
      } catch {
        return { ok: false, error };
      }
      const r = parseJson(text);
      return r.ok ? { ok: true, data: r.value } : { ok: false, error: r.error };
    }
  }

  private dataPath(): string {
    return `${this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`}/data.json`;
  }

  /** Saves the settings; over an unreadable data.json only once its text is kept in a copy. */
  private async saveSettings(): Promise<void> {
    // Another unreadable text may be synced in while one is copied: it is kept too, before the save.
    for (let unreadable = this.unreadableData; unreadable !== null; unreadable = this.unreadableData) {
      const kept = (unreadable.kept ??= this.keepUnreadableData());
      if (!(await kept)) {
        // Tried again at the next save: a copy refused once (a disk full for a moment) would
        // otherwise hold back every later change, unsaid, until Obsidian is restarted.
        if (unreadable.kept === kept) unreadable.kept = null;
        return;
      }
      if (this.unreadableData === unreadable) this.unreadableData = null;
    }
    try {
      await this.saveData(this.settings);
    } catch (e) {
      // The tab does not wait for the save: a rejection would go unheard (data.json read-only, a disk full).
      console.error(`Customer Pages: the settings could not be saved (${String(e)}); they are in use, and the next change saves them again`);
    }
  }

  /**
   * Copies data.json's text beside it (data.json.bak, or data.json.2.bak … when that is taken):
   * it may hold the user's settings in a form only they can mend. False when it could not be kept.
   */
  private async keepUnreadableData(): Promise<boolean> {
    const adapter = this.app.vault.adapter;
    const from = this.dataPath();
    const dir = from.slice(0, from.lastIndexOf("/"));
    try {
      if (!(await adapter.exists(from))) return true;
      const text = await adapter.read(from);
      let to = `${dir}/${DATA_COPY}`;
      for (let n = 2; await adapter.exists(to); n++) {
        if ((await adapter.read(to)) === text) return true;
        to = `${dir}/data.json.${n}.bak`;
      }
      await adapter.write(to, text);
      return true;
    } catch (e) {
      console.error(`Customer Pages: data.json could not be kept as ${DATA_COPY} (${String(e)}); the settings are not saved over it until a later change can keep it`);
      return false;
    }
  }

  /** Applies a settings change at once: saved, the index rebuilt, the panel refreshed. */
  async changeSettings(update: (s: Settings) => void): Promise<void> {
    const next = cloneSettings(this.settings);
    update(next);
    // data.json is written whole from valid settings, but valid is not always meaningful: a kind
    // folder inside another, two kinds given one folder, two sections given one name stay wrong,
    // and the CLI reading the saved file says so.
    if (this.unloaded) this.settings = next;
    else this.apply(next, settingsFrom(next).warnings);
    await this.saveSettings();
  }

  /**
   * data.json was changed outside Obsidian (Sync, another device, an edit for the command-line
   * tool): read again and applied, so that the plugin makes the pages the CLI makes, and a later
   * change in the tab does not write the old settings back over it.
   */
  override async onExternalSettingsChange(): Promise<void> {
    const read = await this.readData();
    if (!read.ok) {
      // A sync tool writing the file in pieces, a merge conflict: the settings in use stay.
      // A copy under way may have read the text before this one: this one is kept anew.
      this.unreadableData = { kept: null };
      this.apply(this.settings, [invalidJsonWarning(read.error, "the settings in use are kept")]);
      return;
    }
    // A sync tool may remove the file for a moment before writing it again: that is no reset.
    if (read.data === null || read.data === undefined) return;
    this.unreadableData = null;
    const { settings, warnings } = settingsFrom(read.data);
    this.apply(settings, warnings);
    this.settingTab.redrawIfShown();
  }

  private apply(next: Settings, dataWarnings: string[]): void {
    const before = this.settings;
    const warnedBefore = this.dataWarnings;
    this.settings = next;
    this.dataWarnings = dataWarnings;
    // A warning that stands is said once: a change in the tab saves the settings at every field left.
    for (const w of dataWarnings) if (!warnedBefore.includes(w)) console.warn(`Customer Pages: ${w}`);
    this.warningsChanged();
    if (!next.refreshOnSave) this.refresher.cancelWaiting();
    else if (next.refreshDelaySeconds !== before.refreshDelaySeconds) this.refresher.resetTimers();
    if (indexKey(next) !== indexKey(before)) {
      // Rebuilt once the changes pause (a folder typed key by key), or as soon as a command or a
      // round asks for the index: a page is never made from settings already replaced.
      this.indexer.settingsChanged(next);
      this.rebuild();
    }
    // The panel's warning count, too: data.json may gain or lose a warning and no setting change.
    else if (next.staleDays !== before.staleDays || dataWarnings.join("\n") !== warnedBefore.join("\n")) this.refreshPanels();
  }
}

/** Where an unreadable data.json is kept before the settings are saved over it. */
const DATA_COPY = "data.json.bak";

/** Settings from data.json's contents over the defaults, and what is wrong with them. */
function settingsFrom(data: unknown): { settings: Settings; warnings: string[] } {
  const merged = mergeSettings(data);
  const warnings = [...merged.warnings, ...sectionNameProblems(merged.settings)];
  return { settings: merged.settings, warnings };
}

/** The settings the index and the pages are made with: the plugin's own (refresh, delay, stale after) left out. */
function indexKey(s: Settings): string {
  const { refreshOnSave: _r, refreshDelaySeconds: _d, staleDays: _s, ...rest } = s;
  return JSON.stringify(rest);
}

/** Two rounds' reports as one (the notice of "Regenerate every customer page" counts both). */
function joinReports(a: RegenerateReport, b: RegenerateReport): RegenerateReport {
  return {
    pages: [...a.pages, ...b.pages],
    sources: [...a.sources, ...b.sources],
    warnings: [...a.warnings, ...b.warnings],
    alsoAffected: [...new Set([...a.alsoAffected, ...b.alsoAffected])],
    writeErrors: a.writeErrors + b.writeErrors,
  };
}

function hasPage(report: RegenerateReport | null, path: string): boolean {
  return report?.pages.some((p) => p.path === path) === true;
}

/**
 * The notice after "Regenerate customer page" for a page renamed, moved or deleted before its round
 * wrote it: `now` is where the second round looked for it, `after` where it is since.
 */
function movedNotice(report: RegenerateReport | null, now: string | null, after: string | null, index: VaultIndex | null, listed: (file: string) => boolean): string {
  if (now === null) return "Customer page not regenerated: it was deleted meanwhile.";
  if (hasPage(report, now)) return pageNotice(report!, now, index, listed, ` It was renamed or moved meanwhile: it is now ${now}.`);
  if (after !== now) return "Customer page not regenerated: it kept being renamed, moved or deleted meanwhile.";
  return `Customer page not regenerated: it was renamed or moved meanwhile to ${now}, which is no customer page.`;
}

/** The notice after "Regenerate customer page": what happened to the page (`moved`: where it went meanwhile). */
function pageNotice(report: RegenerateReport, path: string | undefined, index: VaultIndex | null, listed: (file: string) => boolean, moved = ""): string {
  // The round may have taken other pages along (waiting with ticks).
  const page = report.pages.find((p) => p.path === path);
  if (page === undefined) return "Customer page: nothing to regenerate.";
  if (page.failed === true) return `Customer page could not be regenerated (the command "Show warnings" says why).${moved}`;
  if (page.writeFailed === true) return `Customer page not updated: it could not be written (the command "Show warnings" says why).${moved}`;
  if (page.changed && !page.written) return `Customer page not updated: it kept changing while it was regenerated (the command "Show warnings" lists it).${moved}`;
  // Its warning is not listed: Show warnings leaves out a round's page that is no customer page.
  if (page.noLongerCustomer === true) return `Customer page not regenerated: it was changed meanwhile, and is no customer page any more.${moved}`;
  // A tick dropped or not written back is said beside the page's state: "updated" alone hid it (B36-F).
  const w = pageWarnings(report, page.path, index, listed);
  const said = w === 0 ? "" : ` ${w} warning${w === 1 ? "" : "s"} (the command "Show warnings" lists ${w === 1 ? "it" : "them"}).`;
  return `${page.written ? "Customer page updated." : "Customer page already up to date."}${moved}${said}`;
}

/**
 * How many of the round's warnings concern its page `path`: those about the page, and those about a
 * note (a tick's note that could not be read or written) that is one of its sources, or a source of
 * none of the pages the round took along (waiting with ticks). Those about the pages taken along and
 * their notes are theirs: "Show warnings" lists them under those files (B36-H).
 */
function pageWarnings(report: RegenerateReport, path: string, index: VaultIndex | null, listed: (file: string) => boolean): number {
  // Only those Show warnings lists: not one about a file gone meanwhile (a tick's note deleted while the
  // round ran, a page taken along and moved), which it leaves out (B36-I).
  const warnings = report.warnings.filter((w) => listed(w.file));
  const others = new Set(report.pages.map((p) => p.path).filter((p) => p !== path));
  if (others.size === 0) return warnings.length;
  const sourcesOf = (pages: Iterable<string>): Set<string> => {
    const out = new Set<string>();
    if (index !== null) for (const c of pages) for (const n of harvestSources(index, c)) out.add(n.path);
    return out;
  };
  const mine = sourcesOf([path]);
  const theirs = sourcesOf(others);
  return warnings.filter((w) => w.file === path || (!others.has(w.file) && (mine.has(w.file) || !theirs.has(w.file)))).length;
}
