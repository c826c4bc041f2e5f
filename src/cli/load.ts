// Reading a vault folder into an index, with the plugin's settings from the same folder.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { configFileProblems, excludedKindFolders, exclusions, isExcluded, isUnder, prefixesOf, type Exclusion, type ExclusionSource } from "../core/exclusion";
import { mentionTermsKey, TermMatcher } from "../core/mentions";
import { parseNote, type ParsedNote } from "../core/note";
import { ignoredPeopleWarnings } from "../core/page";
import { invalidJsonWarning, mergeSettings, type Settings } from "../core/settings";
import { sectionNameProblems } from "../core/splice";
import { nfc, parseJson } from "../core/text";
import { dedupeWarnings } from "../core/regenerate";
import { VaultIndex, type Warning } from "../core/vault-index";
import { cacheKey, openCache, sameStamp, saveCache, stampOf, type CachedNote, type Stamp } from "./parse-cache";
import { parseInWorkers, workerCount } from "./parse-pool";
import { readAhead, readerMode } from "./read-ahead";
import { errorCode, listNotes, readListedNote, readOptional, type DiskFile } from "./vault-fs";

/** Obsidian's config folder in a vault, unless its Override config folder names another (--config-dir). */
const CONFIG_DIR = ".obsidian";

/** The plugin's settings file in a config folder. */
function settingsFileIn(configFolder: string): string {
  return join(configFolder, "plugins", "customer-pages", "data.json");
}

/** How recent a file's modification time may be for its note to be cached (see loadCached). */
const RACY_MS = 3000;

/** A mistake in how the tool was called (exit code 2). */
export class UsageError extends Error {}

export interface LoadedVault {
  index: VaultIndex;
  /** Notes that were not valid UTF-8: never written. */
  lossy: Set<string>;
}

interface VaultSettings {
  settings: Settings;
  excluded: string[];
  settingsPath: string;
  /** Every exclusion, with the file that makes it (for the warnings about kind folders). */
  found: Exclusion[];
  files: Record<ExclusionSource, string>;
  /** No settings found and none named: another config folder may hold them (otherConfigWarnings). */
  lookElsewhere: boolean;
}

/**
 * The settings (data.json or --config) and the excluded folders of the vault, from its config
 * folder: `configDir` when given (--config-dir), which must then be there — a name mistyped would
 * otherwise give the defaults without a word.
 */
function vaultSettings(vault: string, configFile: string | null, warnings: Warning[], configDir?: string): VaultSettings {
  const obsidian = join(vault, configDir ?? CONFIG_DIR);
  if (configDir !== undefined && !isFolder(obsidian)) throw new UsageError(`--config-dir ${configDir}: no such folder in the vault`);
  const settingsPath = configFile ?? settingsFileIn(obsidian);
  const settingsText = readConfig(settingsPath);
  // A path mistyped: said as a settings file that cannot be read is (`cannot read …: EISDIR`).
  if (configFile !== null && settingsText === null) throw new UsageError(`cannot read --config ${configFile}: ENOENT (no such file)`);
  let raw: unknown;
  if (settingsText !== null) {
    const r = parseJson(settingsText);
    if (r.ok) raw = r.value;
    else warnings.push({ file: settingsPath, message: invalidJsonWarning(r.error, "using the defaults") });
  }
  const merged = mergeSettings(raw);
  for (const m of [...merged.warnings, ...sectionNameProblems(merged.settings)]) warnings.push({ file: settingsPath, message: m });
  const files: Record<ExclusionSource, string> = {
    excludedFolders: settingsPath,
    userIgnoreFilters: join(obsidian, "app.json"),
    templates: join(obsidian, "templates.json"),
    templater: join(obsidian, "plugins", "templater-obsidian", "data.json"),
  };
  const texts = {
    appJson: readConfig(files.userIgnoreFilters),
    templatesJson: readConfig(files.templates),
    templaterJson: readConfig(files.templater),
  };
  for (const p of configFileProblems(texts)) warnings.push({ file: files[p.source], message: p.message });
  const found = exclusions(merged.settings.excludedFolders, texts);
  const lookElsewhere = settingsText === null && configFile === null && configDir === undefined;
  return { settings: merged.settings, excluded: prefixesOf(found), settingsPath, found, files, lookElsewhere };
}

/**
 * A kind folder excluded whole, named by the file that excludes it; the vault's notes tell whether
 * an exclusion spelled in another case than the setting covers the folder as the vault spells it.
 */
function kindFolderWarnings(v: VaultSettings, paths: readonly string[], warnings: Warning[]): void {
  const inVault = (folder: string): boolean => paths.some((p) => isUnder(p, folder));
  for (const p of excludedKindFolders(v.settings.folders, v.found, inVault)) warnings.push({ file: v.files[p.source], message: p.message });
}

/**
 * The vault's dot folders, but the default one, that hold this plugin's settings: where Obsidian's
 * Override config folder keeps them. Without `--config-dir` the run would make every page with
 * the defaults, unlike the plugin, without a word.
 */
function otherConfigDirs(vault: string): string[] {
  let names: string[];
  try {
    names = readdirSync(vault);
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(".") && n !== CONFIG_DIR && existsSync(settingsFileIn(join(vault, n)))).sort();
}

/**
 * Settings in another config folder, when the run found none and was given none. Looked for after
 * the vault is listed and read, so that the listing is the run's first look at the vault's folder.
 */
function otherConfigWarnings(vault: string, v: VaultSettings, warnings: Warning[]): void {
  if (!v.lookElsewhere) return;
  for (const dir of otherConfigDirs(vault)) {
    warnings.push({ file: settingsFileIn(join(vault, dir)), message: `settings in a config folder other than ${CONFIG_DIR} (Obsidian's Override config folder), not read: give --config-dir ${dir} to read them` });
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A settings file's text, or null when there is none. One that exists but cannot be read stops the
 * run: the defaults in its place would make other pages (people it ignores listed, templates read).
 */
function readConfig(file: string): string | null {
  try {
    return readOptional(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${errorCode(e) ?? (e as Error).message}`);
  }
}

function* readEach(vault: string, paths: readonly string[]): Generator<DiskFile> {
  for (const p of paths) {
    const f = readListedNote(vault, p);
    if (f !== null) yield f;
  }
}

function lossyWarning(path: string): Warning {
  return { file: path, message: "not valid UTF-8; invalid bytes read as U+FFFD and the note is never written" };
}

/**
 * The files, each read as the caller asks for it (ahead, on a worker, for a big vault) so that its
 * text can be dropped once parsed; one that is not valid UTF-8 is warned about and noted in `lossy`;
 * one gone since the listing is left out. An excluded note is never read (README): an empty
 * stand-in keeps its place, as a link target.
 */
function* readFiles(vault: string, paths: readonly string[], excluded: readonly string[], warnings: Warning[], lossy: Set<string>): Generator<DiskFile> {
  const skip = excluded.length === 0 ? null : paths.map((p) => isExcluded(p, excluded));
  const toRead = skip === null ? paths : paths.filter((_p, k) => !skip[k]);
  const mode = readerMode(toRead.length);
  const source = mode === "off" ? readEach(vault, toRead) : readAhead(vault, toRead, { mainReads: mode === "on" });
  let k = 0;
  const standIns = function* (until: string | null): Generator<DiskFile> {
    for (; k < paths.length && paths[k] !== until; k++) if (skip?.[k]) yield { path: paths[k]!, text: "", lossy: false };
  };
  for (const f of source) {
    yield* standIns(f.path);
    k++;
    if (f.lossy) {
      warnings.push(lossyWarning(f.path));
      lossy.add(f.path);
    }
    yield f;
  }
  yield* standIns(null);
}

/** Reads and parses every note on this thread, then builds the index. */
function loadHere(vault: string, paths: readonly string[], settings: Settings, excluded: readonly string[], warnings: Warning[]): LoadedVault {
  const lossy = new Set<string>();
  return { index: VaultIndex.build(readFiles(vault, paths, excluded, warnings, lossy), settings, excluded), lossy };
}

/** Loads every note of the vault and builds the index, on this thread. */
export function loadVaultFromDisk(vault: string, configFile: string | null, warnings: Warning[]): LoadedVault {
  const v = vaultSettings(vault, configFile, warnings);
  const paths = listNotes(vault, v.excluded, warnings);
  kindFolderWarnings(v, paths, warnings);
  const loaded = loadHere(vault, paths, v.settings, v.excluded, warnings);
  otherConfigWarnings(vault, v, warnings);
  return withPeopleWarnings(loaded, v.settingsPath, warnings);
}

/** What only the index can tell about the settings (an ignored person who is nobody), naming the settings file. */
function withPeopleWarnings(loaded: LoadedVault, settingsPath: string, warnings: Warning[]): LoadedVault {
  for (const message of ignoredPeopleWarnings(loaded.index)) warnings.push({ file: settingsPath, message });
  return loaded;
}

/**
 * Loads the vault taking each note whose file is unchanged from the cache file, and parsing the
 * others; then writes the cache back if anything in it changed (through `uncut`, when given: see
 * LoadOptions). The index is the one loadHere builds.
 */
async function loadCached(
  vault: string,
  paths: readonly string[],
  settings: Settings,
  excluded: readonly string[],
  cacheFile: string,
  warnings: Warning[],
  uncut: LoadOptions["uncut"],
): Promise<LoadedVault> {
  const started = Date.now();
  const key = cacheKey(settings, excluded);
  const cache = openCache(cacheFile, key, warnings);
  const lossy = new Set<string>();
  // Stamps before reading: a file changed after its stamp was taken is parsed again next time.
  const stamps: Array<Stamp | null> = [];
  const misses: string[] = [];
  let hits = 0;
  let changed = 0;
  let recorded = 0;
  const fresh = new Map<string, { note: ParsedNote | null; mentionText: string }>();
  for (const p of paths) {
    if (isExcluded(p, excluded)) {
      // Never read (README): a link target only.
      stamps.push(null);
      fresh.set(p, { note: null, mentionText: "" });
      continue;
    }
    const stamp = stampOf(`${vault}/${p}`);
    stamps.push(stamp);
    const c = stamp === null ? undefined : cache.notes.get(p);
    if (c !== undefined && sameStamp(c.stamp, stamp!)) {
      hits++;
    } else {
      misses.push(p);
      if (stamp !== null) changed++;
      if (c !== undefined) recorded++;
    }
  }
  for (const f of readFiles(vault, misses, [], warnings, lossy)) fresh.set(f.path, parseNote(f.path, f.text, settings));
  // Every path but those read for nothing: gone since the listing.
  const missed = new Set(misses);
  const live = paths.flatMap((path, k) => (fresh.has(path) || !missed.has(path) ? [k] : []));
  const entries = live.map((k) => {
    const path = paths[k]!;
    const f = fresh.get(path);
    return { path, note: f !== undefined ? f.note : cache.notes.get(path)!.note };
  });

  let terms = "";
  const owners = new Map<string, readonly string[]>();
  const index = await VaultIndex.fromParsed(entries, settings, excluded, (mentionTerms) => {
    terms = mentionTermsKey(mentionTerms);
    const matcher = new TermMatcher(mentionTerms);
    const found: Array<[string, readonly string[]]> = [];
    for (const { path, note } of entries) {
      if (note === null || (note.kind !== "meeting" && note.kind !== "note")) continue;
      let text = fresh.get(path)?.mentionText;
      if (text === undefined && cache.terms !== terms) {
        // A note taken from the cache and gone since keeps what it was when its stamp was taken,
        // the mentions found then too: its text, to match anew, is gone with it.
        const f = readListedNote(vault, path);
        if (f !== null) text = parseNote(path, f.text, settings).mentionText;
      }
      const o = text === undefined ? cache.notes.get(path)!.owners : [...matcher.owners(nfc(note.basename), text)];
      owners.set(path, o);
      if (o.length > 0) found.push([path, o]);
    }
    return Promise.resolve(found);
  });

  // Rewriting the cache costs about what parsing a twentieth of the notes costs (≈ 1 s at 50k
  // notes): until that many have changed, the changed ones are parsed again each run instead.
  const stale = changed + (cache.notes.size - hits - recorded);
  if (cache.writable && (cache.terms !== terms || stale * 20 > paths.length)) {
    const kept: CachedNote[] = [];
    live.forEach((k, i) => {
      const path = paths[k]!;
      const note = entries[i]!.note;
      const stamp = stamps[k];
      if (note === null || stamp === null || stamp === undefined || lossy.has(path)) return;
      // A file written just before or during this run may be written again within its file
      // system's time step (4 ms on older Linux ext4, 2 s on FAT) and keep the very stamp recorded
      // here, with other text: such a note is parsed again next run rather than trusted (git's
      // "racy" rule). Its modification time tells: a write of its text moves it.
      if (stamp[1] >= started - RACY_MS) return;
      kept.push({ stamp, note, owners: owners.get(path) ?? [] });
    });
    const save = (): void => saveCache(cacheFile, key, terms, kept, warnings);
    if (uncut !== undefined) await uncut(save);
    else save();
  }
  return { index, lossy };
}

export interface LoadOptions {
  workers?: number;
  /** Obsidian's config folder in the vault (default `.obsidian`): see vaultSettings. */
  configDir?: string;
  cache?: string;
  /**
   * Runs the synchronous write of the cache file so that no signal ends the process halfway through
   * it (main.ts: writeUncut), which would leave its temporary file beside the cache.
   */
  uncut?: (write: () => void) => Promise<void>;
}

/**
 * loadVaultFromDisk, with the notes read and parsed on worker threads when the vault and the machine
 * are big enough to gain from it (parse-pool.ts: workerCount); the index is the same either way.
 * `workers` sets the number of workers (0: none); then, as with CUSTOMER_PAGES_WORKERS, a worker
 * that fails is an error rather than a reason to do the work on this thread.
 */
export async function loadVaultFromDiskAsync(
  vault: string,
  configFile: string | null,
  warnings: Warning[],
  options: LoadOptions = {},
): Promise<LoadedVault> {
  const v = vaultSettings(vault, configFile, warnings, options.configDir);
  let listing = listVault(vault, v);
  let read = await readListing(vault, v, listing, options);
  // Something listed was gone when read: deleted, or renamed or moved (in Obsidian, during a
  // scheduled run), and then it is there under a name this listing lacks — left out under both, a
  // page would lose its lines and a tick on its tasks for this run. The vault is listed once more
  // and, when that finds a name the first listing lacked, read again. Nothing gone (the usual run)
  // costs one comparison of two counts.
  if (read.gone.length > 0) {
    const again = listVault(vault, v);
    const before = new Set(listing.paths);
    if (again.paths.some((p) => !before.has(p))) {
      // The cache's own warnings (damaged, not a cache) are not said again: the first read rewrote it.
      const cacheFile = options.cache;
      const kept = read.warnings.filter((w) => w.file === cacheFile);
      listing = again;
      read = await readListing(vault, v, listing, options);
      read.warnings = dedupeWarnings([...kept, ...read.warnings]);
    }
  }
  warnings.push(...listing.warnings);
  kindFolderWarnings(v, listing.paths, warnings);
  warnings.push(...read.warnings);
  for (const p of read.gone) warnings.push({ file: p, message: "gone since the vault was listed (deleted, renamed or moved during the run); left out of this run" });
  otherConfigWarnings(vault, v, warnings);
  return withPeopleWarnings(read.loaded, v.settingsPath, warnings);
}

/** The vault's notes, what its excluded folders did not let be listed, and folders gone meanwhile. */
function listVault(vault: string, v: VaultSettings): { paths: string[]; warnings: Warning[]; goneFolders: string[] } {
  const warnings: Warning[] = [];
  const goneFolders: string[] = [];
  const paths = listNotes(vault, v.excluded, warnings, goneFolders);
  return { paths, warnings, goneFolders };
}

/** The listed notes read into an index, with what was said meanwhile and what was gone (folders, then notes). */
async function readListing(
  vault: string,
  v: VaultSettings,
  listing: { paths: string[]; goneFolders: string[] },
  options: LoadOptions,
): Promise<{ loaded: LoadedVault; warnings: Warning[]; gone: string[] }> {
  const warnings: Warning[] = [];
  const loaded = await loadAsync(vault, listing.paths, v.settings, v.excluded, warnings, options);
  const gone = [...listing.goneFolders];
  // Every note listed is in the index (excluded ones as link targets) unless it was gone when read.
  if (loaded.index.fileCount !== listing.paths.length) {
    for (const p of listing.paths) if (loaded.index.note(p) === undefined && !isExcluded(p, v.excluded)) gone.push(p);
  }
  return { loaded, warnings, gone };
}

async function loadAsync(
  vault: string,
  paths: readonly string[],
  settings: Settings,
  excluded: readonly string[],
  warnings: Warning[],
  options: LoadOptions,
): Promise<LoadedVault> {
  if (options.cache !== undefined) return loadCached(vault, paths, settings, excluded, options.cache, warnings, options.uncut);
  const n = options.workers ?? workerCount(paths.length);
  if (n <= 0) return loadHere(vault, paths, settings, excluded, warnings);
  // Workers asked for by name (CUSTOMER_PAGES_WORKERS, `workers`) must work; chosen ones may fail.
  const strict = options.workers !== undefined || process.env.CUSTOMER_PAGES_WORKERS !== undefined;
  let parsed;
  try {
    parsed = await parseInWorkers(vault, paths, settings, excluded, n);
  } catch (e) {
    if (strict) throw e;
    // A file that cannot be read, a worker that cannot start: do it here, and report it as usual.
    return loadHere(vault, paths, settings, excluded, warnings);
  }
  let index: VaultIndex;
  try {
    index = await VaultIndex.fromParsed(parsed.entries, settings, excluded, (terms) => parsed.mentions(terms));
  } catch (e) {
    if (strict) throw e;
    return loadHere(vault, paths, settings, excluded, warnings);
  } finally {
    parsed.close();
  }
  for (const p of parsed.lossy) warnings.push(lossyWarning(p));
  return { index, lossy: new Set(parsed.lossy) };
}
