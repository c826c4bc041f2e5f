// The one place that talks to Obsidian about notes: the index is built once when the workspace is
// ready and the metadata cache has resolved, then kept current from vault and metadata events —
// each event updates one note, never a re-read of the vault. Links, tasks and headings come from
// the core parser, not from metadataCache (which treats comments differently), so the plugin and
// the CLI read a vault the same way.
import { Events, TFile, normalizePath, type App, type EventRef } from "obsidian";
import { configFileProblems, excludedKindFolders, exclusions, isExcluded, isUnder, prefixesOf, type Exclusion } from "../core/exclusion";
import { isNotePath } from "../core/kinds";
import type { Settings } from "../core/settings";
import { compareCodeUnits, errorText, hashText } from "../core/text";
import { VaultIndex, type ChangeResult, type Warning } from "../core/vault-index";

export type IndexEvent = "ready" | "changed" | "unreadable";

/**
 * How many notes whose read failed a refresh round reads again, those tried least recently first.
 * A change to such a note (a sync done) is read at once by its event; these reads are for a failure
 * no event follows (a file held for a moment). With thousands of them (a folder a sync tool has not
 * downloaded) a round would otherwise read them all at every save. The commands and Show warnings
 * read every one again: the user asked.
 */
const RETRIES_PER_ROUND = 20;

/** Work per slice of the initial build: short enough for Obsidian to stay responsive. */
const BUILD_SLICE_MS = 25;

/** Lets the app run (draw, handle input) before the next slice. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, 0));
}

/**
 * A read of a note: its text, or why Obsidian could not read it — `why` null when it failed because
 * the note was deleted or moved meanwhile (its event follows): gone, not unreadable (B30-F).
 */
type Read = { ok: true; text: string } | { ok: false; why: string | null };

/**
 * A note whose latest read failed, with why. `kept`: the index still holds its text as last read
 * (a change that could not be read); else it holds none of it (not read at the build, a rename or
 * its creation, or not matched against changed names), and no page is written until it is read.
 */
interface Unreadable {
  why: string;
  kept: boolean;
}

type Queued = { kind: "set"; path: string } | { kind: "delete"; path: string } | { kind: "rename"; from: string; path: string };

export class Indexer extends Events {
  private index: VaultIndex | null = null;
  /** Hash of the text the index last saw per note: an event with the same text is no change. */
  private seen = new Map<string, number>();
  /** Hashes of texts the plugin itself is writing, with the index the round tells of them. */
  private readonly expected = new Map<string, { hash: number; index: VaultIndex }>();
  private queue: Queued[] = [];
  private building: Promise<void> | null = null;
  /** Counts builds: a build that a newer one has overtaken stops and keeps nothing (see buildNow). */
  private builds = 0;
  /** The build whose index is the one in use. */
  private installed = 0;
  private draining: Promise<void> | null = null;
  private readonly refs: EventRef[] = [];
  /** Counts rematches: one that a newer one has overtaken stops (the newer matches every note again). */
  private rematches = 0;
  /**
   * The latest rematch, while it runs: until it ends, notes that name a new customer (or a new
   * name) do not relate to it yet, so a round waits for it, as for a build.
   */
  private matching: Promise<void> | null = null;
  /**
   * While one change of a note is applied (its failed read recorded or forgotten, the index told of
   * it): its "unreadable" waits for the index to hold the change. Told first, the panel was drawn
   * for the warning come or gone over an index without the change (a note read at last: its line
   * gone, its task not counted yet), then drawn again for the change (see oneChange).
   */
  private changing = 0;
  private unreadableUntold = false;
  private disposed = false;
  /** Settings changed and not yet built for (see settingsChanged). */
  private pending: Settings | null = null;
  private exclusionWarnings: string[] = [];
  /**
   * The notes of the index in use whose latest read failed (see Unreadable); read again by
   * settled(). In the order a Map keeps, which is the retry line: a note tried is set anew, at the back.
   */
  private unreadable = new Map<string, Unreadable>();
  /** The exclusions of the index in use, with the settings it was built with (see configWarnings). */
  private exclusionsInUse: { settings: Settings; found: Exclusion[]; problems: string[] } | null = null;
  /** Settles when the first build has finished: commands run before it wait for it. */
  private readonly firstBuild: Promise<void>;
  private firstBuilt!: () => void;

  /**
   * @param sliceMs How long the initial build works before it lets Obsidian draw and handle input
   *   (a 50,000-note vault takes seconds to index; in one piece that would freeze the app).
   */
  constructor(
    private readonly app: App,
    private settings: Settings,
    private readonly sliceMs = BUILD_SLICE_MS,
  ) {
    super();
    this.firstBuild = new Promise((resolve) => (this.firstBuilt = resolve));
  }

  /**
   * What is wrong with the exclusions of the index in use: one of Obsidian's files that is no JSON
   * object, a kind folder excluded whole (same text as the CLI's). Worked out from the vault as it
   * is now, as the CLI's next run would: a note created since under a kind folder's other spelling
   * that an exclusion names makes that spelling excluded.
   */
  get configWarnings(): readonly string[] {
    const u = this.exclusionsInUse;
    return u === null ? [] : [...u.problems, ...this.kindFolderWarnings(u.settings, u.found)];
  }

  private kindFolderWarnings(settings: Settings, found: readonly Exclusion[]): string[] {
    return excludedKindFolders(settings.folders, found, this.holdsNotes).map((p) => p.message);
  }

  /**
   * Whether the vault holds notes in this folder as spelled: an exclusion that spells a kind folder
   * in another case covers it only then (asked only for such an exclusion).
   */
  readonly holdsNotes = (folder: string): boolean => this.app.vault.getMarkdownFiles().some((f) => isUnder(f.path, folder));

  /** The last index built, also while a new one is being built (null before the first). */
  get latest(): VaultIndex | null {
    return this.index;
  }

  /** The plugin is unloading: builds and rematches under way stop at their next pause. */
  dispose(): void {
    this.disposed = true;
    this.rematches++;
    this.firstBuilt();
  }

  get ready(): VaultIndex | null {
    return this.building === null ? this.index : null;
  }

  /** Would settled() wait: a build under way or due (settings changed), or notes being matched again? */
  get busy(): boolean {
    return this.building !== null || this.index === null || this.pending !== null || this.matching !== null;
  }

  /** Starts listening, and builds the index (again, e.g. after a settings change). */
  async build(): Promise<void> {
    // A failed build keeps the last index (none before the first): whoever waits on it goes on.
    const run = this.buildNow().catch((e: unknown) => {
      console.error("Customer Pages: indexing the vault failed", e);
    });
    this.building = run;
    try {
      await run;
    } finally {
      if (this.building === run) this.building = null;
      // Commands waiting for the first index go on once no build is under way.
      if (this.building === null) this.firstBuilt();
    }
    if (this.building !== null || this.disposed) return;
    await this.drain();
    this.trigger("ready");
  }

  updateSettings(settings: Settings): Promise<void> {
    this.pending = null;
    this.settings = settings;
    return this.build();
  }

  /**
   * New settings the index is to be rebuilt for, soon (the host waits for a pause in the changes):
   * whoever waits for the index (settled) meanwhile gets it rebuilt at once, never the old one.
   */
  settingsChanged(settings: Settings): void {
    this.pending = settings;
  }

  /** Rebuilds for the settings given to settingsChanged, unless that was done already. */
  applySettings(): Promise<void> {
    return this.pending === null ? Promise.resolve() : this.updateSettings(this.pending);
  }

  private async configText(name: string): Promise<string | null> {
    const path = normalizePath(`${this.app.vault.configDir}/${name}`);
    try {
      return (await this.app.vault.adapter.exists(path)) ? await this.app.vault.adapter.read(path) : null;
    } catch {
      return null;
    }
  }

  private async buildNow(): Promise<void> {
    const build = ++this.builds;
    // A newer build makes this one pointless — once there is an index: until then it goes on, so
    // that a newer build that fails does not leave the plugin with none.
    const abandoned = (): boolean => this.disposed || (build !== this.builds && this.index !== null) || build < this.installed;
    const settings = this.settings;
    const configTexts = {
      appJson: await this.configText("app.json"),
      templatesJson: await this.configText("templates.json"),
      templaterJson: await this.configText("plugins/templater-obsidian/data.json"),
    };
    const found = exclusions(settings.excludedFolders, configTexts);
    // Obsidian's files that cannot be read as JSON exclude nothing (the CLI says so too, naming the file).
    const problems = configFileProblems(configTexts).map((p) => p.message);
    const excluded = prefixesOf(found);
    const files = this.app.vault.getMarkdownFiles().filter((f) => isNotePath(f.path));
    // Excluded notes are link targets only: their text is never read. A note that cannot be read is
    // one too (its path is known), and no page is written until it can be read (see lost).
    const unreadable = new Map<string, Unreadable>();
    const texts: Array<{ path: string; text: string } | null> = await Promise.all(
      files.map(async (f) => {
        if (isExcluded(f.path, excluded)) return { path: f.path, text: "" };
        const r = await this.read(f);
        if (!r.ok && r.why !== null) unreadable.set(f.path, { why: r.why, kept: false });
        return { path: f.path, text: r.ok ? r.text : "" };
      }),
    );
    if (abandoned()) return;
    const seen = new Map<string, number>();
    // Each text is hashed as the index takes it, and let go of once parsed.
    function* take(): Generator<{ path: string; text: string }> {
      for (let i = 0; i < texts.length; i++) {
        const f = texts[i]!;
        texts[i] = null;
        seen.set(f.path, hashText(f.text));
        yield f;
      }
    }
    const index = await this.inSlices(VaultIndex.buildSteps(take(), settings, excluded), abandoned);
    if (index === undefined) return;
    // What changes read is made now, in slices too, so that the first save costs what any other does.
    await this.inSlices(index.prepareUpdatesSteps(), abandoned);
    if (abandoned()) return;
    this.index = index;
    this.seen = seen;
    this.installed = build;
    const before = this.unreadable;
    this.unreadable = unreadable;
    for (const [path, u] of unreadable) if (!sameUnreadable(before.get(path), u)) this.warnUnreadable(path, u);
    // Said when the build that finds them is put in use, and again only when they change (every
    // settings change rebuilds).
    this.exclusionsInUse = { settings, found, problems };
    const warnings = [...problems, ...this.kindFolderWarnings(settings, found)];
    if (warnings.join("\n") !== this.exclusionWarnings.join("\n")) for (const w of warnings) console.warn(`Customer Pages: ${w}`);
    this.exclusionWarnings = warnings;
  }

  /**
   * Runs steps to the end, pausing whenever a slice has taken `sliceMs` so that Obsidian can draw
   * and handle input; undefined when `abandoned` says, at a pause, that the work is no longer wanted.
   */
  private async inSlices<T>(steps: Generator<void, T>, abandoned: () => boolean): Promise<T | undefined> {
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart >= this.sliceMs) {
        await nextTask();
        if (abandoned()) return undefined;
        sliceStart = performance.now();
      }
    }
  }

  /** The note's text, or why it cannot be read: never taken for an empty note (B30-A). */
  private async read(file: TFile): Promise<Read> {
    // The path it is read at: a rename moves the same TFile (its path changes in place), so the file
    // at its path now is always itself (B30-H).
    const path = file.path;
    try {
      return { ok: true, text: await this.app.vault.cachedRead(file) };
    } catch (e) {
      // Deleted or moved since it was listed (ENOENT): its delete or rename event follows.
      if (file.path !== path || this.app.vault.getFileByPath(path) !== file) return { ok: false, why: null };
      return { ok: false, why: errorText(e) };
    }
  }

  /**
   * The notes whose latest read failed, each a warning naming it and why, until a read succeeds:
   * "Show warnings" lists them, and the console said each when it came.
   */
  get readWarnings(): Warning[] {
    return [...this.unreadable]
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([file, u]) => ({ file, message: unreadableMessage(u) }));
  }

  /**
   * The notes the index holds none of because their latest read failed, in path order: while there
   * is one, no customer page is written (the Refresher holds its rounds), as the CLI writes nothing
   * when it cannot read a note — any page could lack what the note gives.
   */
  get lost(): string[] {
    return [...this.unreadable].filter(([, u]) => !u.kept).map(([p]) => p).sort(compareCodeUnits);
  }

  /** The note's failed read is forgotten (read, deleted, renamed): its warning goes, and Show warnings and the panel's count follow. */
  private forgetUnreadable(path: string): void {
    if (!this.unreadable.delete(path)) return;
    this.trigger("changed", new Set<string>(), path);
    this.tellUnreadable();
  }

  private tellUnreadable(): void {
    if (this.changing > 0) this.unreadableUntold = true;
    else this.trigger("unreadable");
  }

  /** Applies one change of a note, its "unreadable" (if any) told once the index holds it. */
  private oneChange(apply: () => void): void {
    this.changing++;
    try {
      apply();
    } finally {
      this.changing--;
      if (this.changing === 0 && this.unreadableUntold) {
        this.unreadableUntold = false;
        this.trigger("unreadable");
      }
    }
  }

  /** Whether the index holds none of some note it could not read (see lost), without listing them. */
  get holdsLost(): boolean {
    for (const u of this.unreadable.values()) if (!u.kept) return true;
    return false;
  }

  private warnUnreadable(path: string, u: Unreadable): void {
    console.warn(`Customer Pages: ${path}: ${unreadableMessage(u)}`);
  }

  /**
   * Records a failed read of a note the index holds (lost, when the index keeps none of it), said if
   * new. `tried`: a read failed just now (its event's, a retry's), so the note goes to the back of
   * the retry line; else (a rematch that drops the text it kept, unread) it keeps its place.
   */
  private failedAgain(path: string, u: Unreadable, tried = true): void {
    const was = this.unreadable.get(path);
    if (tried) this.unreadable.delete(path);
    this.unreadable.set(path, u);
    if (sameUnreadable(was, u)) return;
    this.warnUnreadable(path, u);
    this.trigger("changed", new Set<string>(), path);
    this.tellUnreadable();
  }

  /**
   * A read of this note failed. The index keeps its text as last read when it has one (a change
   * that could not be read: the pages stay as they were); a note it holds nothing of yet (created)
   * becomes a link target with no text, lost until read. Said when it starts, or its reason changes.
   */
  private failed(path: string, why: string): void {
    const index = this.index;
    if (!index) return;
    this.oneChange(() => {
      const kept = this.unreadable.get(path)?.kept ?? this.seen.has(path);
      this.failedAgain(path, { why, kept });
      if (!this.seen.has(path)) {
        this.seen.set(path, hashText(""));
        this.emit(index.set(path, ""), path);
      }
    });
  }

  /** The note was read: no longer unreadable. True when the index holds none of its text (lost). */
  private readable(path: string): boolean {
    const was = this.unreadable.get(path);
    if (was === undefined) return false;
    this.forgetUnreadable(path);
    return !was.kept;
  }

  /** Subscribes to vault and metadata events; the caller registers the refs for release on unload. */
  listen(): EventRef[] {
    const { vault, metadataCache } = this.app;
    this.refs.push(
      metadataCache.on("changed", (file, data) => this.onText(file, data)),
      vault.on("create", (file) => {
        if (file instanceof TFile) this.enqueue({ kind: "set", path: file.path });
      }),
      vault.on("modify", (file) => {
        if (file instanceof TFile) this.enqueue({ kind: "set", path: file.path });
      }),
      vault.on("delete", (file) => this.enqueue({ kind: "delete", path: file.path })),
      vault.on("rename", (file, oldPath) => this.enqueue({ kind: "rename", from: oldPath, path: file.path })),
    );
    return this.refs;
  }

  private onText(file: TFile, data: string): void {
    if (!isNotePath(file.path)) return;
    if (this.building !== null || this.index === null) {
      this.queue.push({ kind: "set", path: file.path });
      return;
    }
    this.apply(file.path, data);
  }

  private enqueue(q: Queued): void {
    if (!isNotePath(q.path) && !(q.kind === "rename" && isNotePath(q.from))) return;
    this.queue.push(q);
    void this.drain();
  }

  /** Applies the queued events; while a run of it is under way, waits for that run (settled() relies on it). */
  private drain(): Promise<void> {
    if (this.draining !== null) return this.draining;
    if (this.building !== null || this.index === null || this.queue.length === 0) return Promise.resolve();
    // The run is recorded before it starts: an event fired from inside its first read (synchronously)
    // joins its queue rather than start a second run beside it, whose reads could overtake.
    let settle!: { ok: () => void; fail: (e: unknown) => void };
    const run = new Promise<void>((ok, fail) => (settle = { ok, fail }));
    this.draining = run;
    void (async () => {
      try {
        // A build that starts meanwhile reads the notes afresh: what is left waits for it.
        while (this.queue.length > 0 && this.building === null && !this.disposed) {
          const q = this.queue.shift()!;
          await this.handle(q);
        }
      } finally {
        // Cleared as the loop ends, in the same turn: an event queued after it starts a new run.
        this.draining = null;
      }
    })().then(settle.ok, settle.fail);
    return run;
  }

  private async handle(q: Queued): Promise<void> {
    const index = this.index;
    if (!index) return;
    if (q.kind === "delete") {
      this.oneChange(() => {
        this.forgetUnreadable(q.path);
        if (this.seen.delete(q.path)) this.emit(index.delete(q.path));
      });
      return;
    }
    const file = this.app.vault.getFileByPath(q.path);
    // An excluded note is a link target only (the index keeps no text of it): its text is never read.
    const excluded = isExcluded(q.path, index.excluded);
    if (q.kind === "rename") {
      const r: Read = file && !excluded ? await this.read(file) : { ok: true, text: "" };
      const text = r.ok ? r.text : "";
      this.oneChange(() => {
        const hadOld = this.seen.delete(q.from);
        // Its warning (if any) was about the old path: the read under the new one tells.
        this.forgetUnreadable(q.from);
        if (!isNotePath(q.path)) {
          if (hadOld) this.emit(index.delete(q.from));
          return;
        }
        this.seen.set(q.path, hashText(text));
        // Not read under its new path: its parse under the old one does not carry over (the path
        // decides its kind, date and title), so it is lost until read (see lost).
        if (r.ok) this.readable(q.path);
        else if (r.why !== null) this.failedAgain(q.path, { why: r.why, kept: false });
        this.emit(hadOld ? index.rename(q.from, q.path, text) : index.set(q.path, text));
      });
      return;
    }
    if (!file) {
      // Gone without a delete event reaching the index yet (a retry of an unreadable note, see settled).
      this.forgetUnreadable(q.path);
      return;
    }
    if (excluded) {
      this.apply(q.path, "");
      return;
    }
    const r = await this.read(file);
    if (r.ok) this.apply(q.path, r.text);
    else if (r.why !== null) this.failed(q.path, r.why);
  }

  private apply(path: string, text: string): void {
    this.oneChange(() => this.take(path, text));
  }

  private take(path: string, text: string): void {
    const index = this.index;
    if (!index) return;
    // As the build has it (metadataCache's "changed" hands over an excluded note's text too).
    if (isExcluded(path, index.excluded)) text = "";
    // Read at last: a note the index holds none of is taken whatever its text (its hash is that of "").
    const lost = this.readable(path);
    const h = hashText(text);
    const ours = this.expected.get(path);
    if (ours !== undefined) {
      this.expected.delete(path);
      // Only the index the round updated knows the text: one rebuilt meanwhile may have read the
      // note before the write reached the disk (an editor saves seconds later), and takes it now.
      if (ours.hash === h && ours.index === index && !lost) {
        // Our own write: the regeneration round has already told the index.
        this.seen.set(path, h);
        return;
      }
      // Another text (the user typed before Obsidian saved ours): a change like any other, and a
      // later return to our text is the user's too.
    }
    if (this.seen.get(path) === h && !lost) return;
    this.seen.set(path, h);
    this.emit(index.set(path, text), path);
  }

  /** The plugin is about to write `text` to `path` and updates `index` itself: no event for it. */
  expectWrite(path: string, text: string, index: VaultIndex): void {
    this.expected.set(path, { hash: hashText(text), index });
  }

  /** The write did not happen after all. */
  cancelWrite(path: string): void {
    this.expected.delete(path);
  }

  private emit(change: ChangeResult, path?: string): void {
    if (change.needsRematch) void this.rematch(change.affected);
    this.trigger("changed", change.affected, path);
  }

  /** A regeneration round told the index of a change of customer names (its report's needsRematch). */
  namesChanged(): void {
    void this.rematch(new Set());
  }

  /** Customer names changed: match every note's text again; settled() waits for it. */
  private rematch(affected: Set<string>): Promise<void> {
    // A failed rematch leaves the index as it was (as a failed build does): whoever waits goes on.
    const run = this.matchAgain(affected)
      .catch((e: unknown) => console.error("Customer Pages: matching the notes against the customer names failed", e))
      .finally(() => {
        if (this.matching === run) this.matching = null;
      });
    this.matching = run;
    return run;
  }

  /** Every note's text (from Obsidian's cache) matched against the customer names, in slices. */
  private async matchAgain(affected: Set<string>): Promise<void> {
    const index = this.index;
    if (!index) return;
    const run = ++this.rematches;
    const abandoned = (): boolean => this.index !== index || run !== this.rematches;
    const texts = new Map<string, string>();
    for (const [path, note] of index.notes) {
      if (note.kind !== "meeting" && note.kind !== "note") continue;
      // A note that cannot be read keeps what it matched, which may miss a new name: lost until
      // read (settled() reads it again, and its change matches it against the names then).
      const was = this.unreadable.get(path);
      if (was !== undefined) {
        if (was.kept) this.failedAgain(path, { why: was.why, kept: false }, false);
        continue;
      }
      const file = this.app.vault.getFileByPath(path);
      if (!file) continue;
      const r = await this.read(file);
      if (r.ok) texts.set(path, r.text);
      else if (r.why !== null && this.index === index) this.failedAgain(path, { why: r.why, kept: false });
    }
    if (abandoned()) return;
    // In slices too (every meeting and note is parsed again); the index stays usable meanwhile.
    const more = await this.inSlices(
      index.rematchSteps((p) => texts.get(p)),
      abandoned,
    );
    if (more === undefined) return;
    for (const c of more) affected.add(c);
    this.trigger("changed", more, undefined);
  }

  /**
   * Waits until the index is built (the first build too, if it has not started yet) and every
   * queued event is applied. Notes whose latest read failed are read once more: all of them, or for
   * a refresh round (`fewRetries`) the RETRIES_PER_ROUND tried least recently.
   */
  async settled(fewRetries = false): Promise<VaultIndex | null> {
    await this.firstBuild;
    if (!this.disposed) void this.applySettings();
    // A rebuild may start while the queue is applied (that run then stops for it), or a rematch
    // (a change of names): wait for them too, and for what was queued meanwhile. Notes whose latest
    // read failed are read once more (a sync tool that held one for a moment is done by now).
    let retried = false;
    while (!this.disposed) {
      if (this.building !== null) {
        await this.building;
        continue;
      }
      await this.drain();
      if (this.building !== null) continue;
      if (this.matching !== null) {
        await this.matching;
        continue;
      }
      if (retried || this.unreadable.size === 0) break;
      retried = true;
      // The front of the line; each read sends its note to the back (failedAgain) or forgets it.
      const again: string[] = [];
      for (const path of this.unreadable.keys()) {
        if (fewRetries && again.length === RETRIES_PER_ROUND) break;
        again.push(path);
      }
      for (const path of again.sort(compareCodeUnits)) this.queue.push({ kind: "set", path });
    }
    return this.disposed ? null : this.index;
  }

  onEvent(name: "changed", cb: (affected: Set<string>, path: string | undefined) => void): EventRef;
  onEvent(name: "ready", cb: () => void): EventRef;
  /**
   * A note's read failed anew (or for another reason) or it was read at last, deleted or renamed:
   * its warning came or went, which no customer's page may depend on (its "changed" names none).
   */
  onEvent(name: "unreadable", cb: () => void): EventRef;
  onEvent(name: IndexEvent, cb: (...args: never[]) => void): EventRef {
    return this.on(name, cb as (...data: unknown[]) => unknown);
  }
}

function unreadableMessage(u: Unreadable): string {
  return `cannot be read (${u.why}); ${u.kept ? "its text as last read is used until it can be read" : "no customer page is written until it can be read"}`;
}

function sameUnreadable(a: Unreadable | undefined, b: Unreadable): boolean {
  return a !== undefined && a.why === b.why && a.kept === b.kept;
}
