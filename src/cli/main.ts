// Command-line tool: the same engine as the plugin, over a vault folder on disk.
//
//   customer-pages regenerate [--vault DIR] [--customer NAME] [--dry-run] [--check] [--json]
//                             [--today yyyy-MM-dd] [--config FILE] [--config-dir NAME] [--cache FILE]
//   customer-pages links [--vault DIR] [--config FILE] [--config-dir NAME] [--cache FILE] [--json]
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { setImmediate } from "node:timers";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";
import { formatDate, parseIsoDay, todayFromClock } from "../core/dates";
import { findCustomer, regenerate, type PageReport, type RegenerateIO } from "../core/regenerate";
import { VaultIndex, type Warning } from "../core/vault-index";
import { loadVaultFromDiskAsync, UsageError } from "./load";
import { decode, errorCode, linkTarget, stickyRefuses, writeAtomic } from "./vault-fs";

const USAGE = `usage:
  customer-pages regenerate [--vault DIR] [--customer NAME] [--dry-run] [--check] [--json]
                            [--today yyyy-MM-dd] [--config FILE] [--config-dir NAME]
                            [--cache FILE]
  customer-pages links [--vault DIR] [--config FILE] [--config-dir NAME] [--cache FILE] [--json]

regenerate  rewrites the managed sections of every customer page (or one, with --customer)
links       prints the vault's resolved link graph as JSON (Obsidian's resolvedLinks shape)

  --vault DIR        the vault folder (default: examples/vault of this project)
  --customer NAME    one customer page, by name, path, title or alias
  --dry-run          list the pages that would change, and the pages and notes it may not
                     write (their permissions); write nothing
  --check            write nothing; exit 1 when any page would change (for git hooks and CI)
  --json             print a machine-readable report on stdout
  --today yyyy-MM-dd the day taken as today (default: today): notes dated after it are no contact
  --config FILE      settings JSON (default: DIR/.obsidian/plugins/customer-pages/data.json)
  --config-dir NAME  the vault's config folder, when Obsidian's Override config folder names one
                     other than .obsidian (as .obsidian-phone): the settings, Excluded files and
                     Templates folder are read from DIR/NAME
  --cache FILE       keep parsed notes in FILE (outside the vault; written even with --dry-run
                     and --check); later runs parse only the notes changed since
  --help, -h         this text
`;

export interface CliOptions {
  command: "regenerate" | "links";
  vault: string;
  customer: string | null;
  dryRun: boolean;
  check: boolean;
  json: boolean;
  today: string | null;
  config: string | null;
  /** Obsidian's config folder in the vault, when given (`.obsidian` otherwise). */
  configDir: string | null;
  cache: string | null;
}

export function defaultVault(): string {
  return fileURLToPath(new URL("../examples/vault", import.meta.url));
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { command: "regenerate", vault: "", customer: null, dryRun: false, check: false, json: false, today: null, config: null, configDir: null, cache: null };
  const args = [...argv];
  const first = args[0];
  if (first === "regenerate" || first === "links") {
    opts.command = first;
    args.shift();
  }
  const given = new Set<string>();
  /** The value written as `--flag=value`, if the flag being read was written so. */
  let inline: string | null = null;
  const once = (flag: string): void => {
    if (given.has(flag)) throw new UsageError(`${flag} is given twice`);
    given.add(flag);
  };
  const value = (flag: string): string => {
    const v = inline ?? args.shift();
    // An empty value is a mistake (`--vault "$VAULT"` with VAULT unset), not the default.
    if (v === undefined || (inline === null && v.startsWith("--")) || v.trim() === "") throw new UsageError(`${flag} needs a value`);
    once(flag);
    return v;
  };
  const flag = (name: string): true => {
    if (inline !== null) throw new UsageError(`${name} takes no value`);
    once(name);
    return true;
  };
  while (args.length > 0) {
    let a = args.shift()!;
    inline = null;
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    switch (a) {
      case "--vault":
        opts.vault = value(a);
        break;
      case "--customer":
        opts.customer = value(a);
        break;
      case "--dry-run":
        opts.dryRun = flag(a);
        break;
      case "--check":
        opts.check = flag(a);
        break;
      case "--json":
        opts.json = flag(a);
        break;
      case "--today":
        opts.today = value(a);
        break;
      case "--config":
        opts.config = value(a);
        break;
      case "--config-dir":
        opts.configDir = configDirName(value(a));
        break;
      case "--cache":
        opts.cache = value(a);
        if (opts.cache.toLowerCase().endsWith(".md")) throw new UsageError(`--cache must not name a Markdown file (it would be read as a note): ${opts.cache}`);
        break;
      case "--help":
      case "-h":
        throw new UsageError("");
      default:
        throw new UsageError(`unknown argument: ${a}`);
    }
  }
  if (opts.command === "links") {
    // (--json is let be: what links prints is JSON anyway.)
    const extra = ["--customer", "--today"].find((f) => given.has(f)) ?? (opts.dryRun ? "--dry-run" : opts.check ? "--check" : undefined);
    if (extra !== undefined) throw new UsageError(`links takes only --vault, --config, --config-dir and --cache, not ${extra}`);
  }
  if (opts.vault === "") opts.vault = defaultVault();
  return opts;
}

/**
 * A config folder as Obsidian's Override config folder takes it: one folder name starting with a
 * dot, right in the vault. Obsidian hides every dot folder from the vault, and so does the listing
 * here; a name without the dot would be read as a folder of notes too.
 */
function configDirName(name: string): string {
  const n = name.replace(/[/\\]+$/, "");
  if (!n.startsWith(".") || n === "." || n === ".." || /[/\\]/.test(n)) {
    throw new UsageError(`--config-dir must name one folder in the vault starting with a dot (as .obsidian-phone), not ${name}`);
  }
  return n;
}

interface Out {
  stdout(s: string): void;
  stderr(s: string): void;
}

/**
 * A name or message on one line: a file name may hold a line break (Linux allows it), and so may a
 * setting's value; a script reading the output line by line must not take its second half for a
 * line of its own. (--json keeps the text as it is: JSON escapes it.)
 */
function oneLine(s: string): string {
  return s.replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/**
 * What --customer may name, in turn: the name as given, or for a file path (`./Customers/Acme.md`,
 * `../Notes/Customers/Acme.md`, an absolute path, as a shell completes it) the vault-relative path
 * it leads to from the current folder, else from the vault (npm runs in this repository's folder);
 * none when it leads outside the vault.
 */
function customerNames(vault: string, name: string): string[] {
  if (!isAbsolute(name) && !/^\.\.?[/\\]/.test(name)) return [name];
  const out: string[] = [];
  for (const full of isAbsolute(name) ? [name] : [resolve(name), resolve(vault, name)]) {
    const rel = insideVault(vault, full);
    if (rel !== null && !out.includes(rel)) out.push(rel);
  }
  return out;
}

/** The path of `full` in the vault (with `/`), or null when it lies outside; the vault or the path may be reached through a link. */
function insideVault(vault: string, full: string): string | null {
  const within = (root: string, p: string): string | null => {
    const rel = relative(root, p);
    return rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? null : rel.split(sep).join("/");
  };
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  return within(vault, resolve(full)) ?? within(real(vault), real(full));
}

/** An error line: it may name a file or echo a flag's value, which may hold a line break too. */
function printError(out: Out, message: string): void {
  out.stderr(`error: ${oneLine(message)}\n`);
}

function printWarnings(out: Out, warnings: readonly Warning[]): void {
  for (const w of warnings) out.stderr(`warning: ${oneLine(w.file)}: ${oneLine(w.message)}\n`);
}

/** The error code of a write the file system refused (no permission, read-only), or null. */
function deniedCode(e: unknown): string | null {
  const code = errorCode(e);
  return code === "EACCES" || code === "EPERM" || code === "EROFS" ? code : null;
}

/** The signals a write run catches: Ctrl-C, a kill, and the terminal closed (an SSH session dropped). */
export type CaughtSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP in a write run. Until the run writes its first file none is
 * caught: the process ends at once, as by Node's default, having written nothing. From then on (`arm`)
 * the first asks the round to stop (`received`, the round's `stopped`): it writes the notes the ticks
 * it began still owe — a tick left closed in some of its notes only, the next run would find it closed
 * in the note its line names and drop it (§8), leaving it open in the others (B37-F) — and nothing
 * else. A second SIGINT or SIGTERM ends the process at once; a SIGHUP after the first signal does not:
 * a closed terminal sends it twice (the shell passes the hangup on to its jobs, then the kernel sends
 * it to them again as the shell exits), and nobody asked twice. Once the round is over (`disarm`) the
 * default is back — but for a SIGHUP after a stop, which changes nothing until the run ends by the
 * first signal (endBy): the terminal's second one must not cut the report short (`> report.json`).
 */
export interface Signals {
  arm(): void;
  disarm(): void;
  /** The signal that asked the round to stop, or null. */
  received(): CaughtSignal | null;
}

const CAUGHT: readonly CaughtSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The exit status of a process the signal ended: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
export function signalStatus(sig: CaughtSignal): number {
  return 128 + (osConstants.signals[sig] ?? 0);
}

/**
 * Ends the process by the signal, its handlers gone: the shell sees 130, 143 or 129, and a shell
 * script running the CLI stops too (it would go on after a child that exited 130 of its own accord).
 */
function endBy(sig: CaughtSignal): void {
  process.removeAllListeners(sig);
  process.kill(process.pid, sig);
  // Where a signal does not end the process so (Windows), its status.
  process.exit(signalStatus(sig));
}

export function catchSignals(stderr: (s: string) => void): Signals {
  let first: CaughtSignal | null = null;
  let armed = false;
  const disarm = (): void => {
    if (!armed) return;
    armed = false;
    for (const s of CAUGHT) if (s !== "SIGHUP" || first === null) process.off(s, on);
  };
  function on(sig: CaughtSignal): void {
    if (first === null) {
      first = sig;
      return;
    }
    if (sig === "SIGHUP") return;
    stderr(`interrupted again (${sig}): stopped at once, without finishing the ticks already begun (one may be left closed in some of its notes only)\n`);
    disarm();
    endBy(sig);
  }
  return {
    arm() {
      if (armed || first !== null) return;
      armed = true;
      for (const s of CAUGHT) process.on(s, on);
    },
    disarm,
    received: () => first,
  };
}

/**
 * Lets the event loop take a signal caught meanwhile (the handler runs only there): the round's
 * reads and writes are synchronous, and without this a Ctrl-C would be heard once the round is over.
 * Two turns: called from a callback of the loop's poll phase, the first runs before the loop polls
 * again; the second comes after a poll that began once the signal was in.
 */
function heedSignals(): Promise<void> {
  return new Promise((done) => setImmediate(() => setImmediate(done)));
}

/**
 * Runs a write that comes before the round — the --cache file's, as the vault is read — with SIGINT,
 * SIGTERM and SIGHUP held: by Node's default one would end the process inside writeAtomic, leaving
 * its temporary file beside the cache. One that comes meanwhile ends the process once the file is
 * whole and in place, nothing said, as it would have ended it there: nothing is written in the vault
 * yet.
 */
async function writeUncut(write: () => void): Promise<void> {
  let held = null as CaughtSignal | null;
  const hold = (sig: CaughtSignal): void => {
    held ??= sig;
  };
  for (const s of CAUGHT) process.on(s, hold);
  try {
    write();
    await heedSignals();
  } finally {
    for (const s of CAUGHT) process.off(s, hold);
  }
  if (held !== null) endBy(held);
}

/**
 * Why the permissions refuse writing `file` as writeAtomic writes it, or null: the file itself (a
 * read-only page is not replaced), its folder (the temporary file and the rename), then a folder with
 * the sticky bit holding another user's file, whose replacement is refused though access allows both
 * (B41-B: the dry run said `would update`, and a tick on such a page was written to its note).
 */
function refusedBy(file: string): string | null {
  const target = linkTarget(file);
  const folder = dirname(target);
  for (const [path, what] of [
    [file, "permission denied"],
    [folder, "permission denied in its folder"],
  ] as const) {
    try {
      accessSync(path, constants.W_OK);
    } catch (e) {
      const code = deniedCode(e);
      if (code !== null) return `${what} (${code})`;
    }
  }
  try {
    const there = statSync(target, { throwIfNoEntry: false }) ?? null;
    if (stickyRefuses(statSync(folder), there, process.geteuid?.())) return "permission denied, another user's file in a folder with the sticky bit (EPERM)";
  } catch {
    // The folder gone or out of reach: the write finds out, and says so.
  }
  return null;
}

function diskIO(vault: string, lossy: ReadonlySet<string>, signals: Signals | undefined): RegenerateIO {
  return {
    read(path) {
      try {
        return Promise.resolve(decode(readFileSync(join(vault, path))).text);
      } catch (e) {
        // Gone (deleted, renamed or moved during the run) is null; anything else is said.
        const code = errorCode(e);
        if (code === "ENOENT" || code === "ENOTDIR") return Promise.resolve(null);
        const denied = deniedCode(e);
        return Promise.reject(new Error(denied !== null ? `permission denied (${denied})` : (code ?? (e as Error).message)));
      }
    },
    writable: (path) => !lossy.has(path),
    cannotWrite(path) {
      if (lossy.has(path)) return "not valid UTF-8";
      return refusedBy(join(vault, path));
    },
    async write(path, expected, next) {
      if (lossy.has(path)) return false;
      const file = join(vault, path);
      // If someone changed the note since it was read — checked right before the rename — nothing
      // is written and the caller recomputes.
      const unchanged = (): boolean => {
        try {
          return decode(readFileSync(file)).text === expected;
        } catch {
          return false;
        }
      };
      signals?.arm();
      let written: boolean;
      try {
        // The rename below would replace even a file we may not write (its folder decides): a file
        // Obsidian could not save, we do not replace either.
        accessSync(file, constants.W_OK);
        written = writeAtomic(file, next, undefined, unchanged);
      } catch (e) {
        const code = errorCode(e);
        // Gone since it was read: changed, like any other change (the caller reads it again).
        if (code === "ENOENT") return false;
        const denied = deniedCode(e);
        // Said as cannotWrite says it beforehand (the dry run, a page's ticks), when it can tell why:
        // the same words in both runs, and the folder or the sticky bit named where the error is not.
        if (denied !== null) throw new Error(refusedBy(file) ?? `permission denied (${denied})`);
        throw new Error(code ?? (e as Error).message);
      }
      // Between two files, never inside one (writeAtomic is synchronous): the round asks `stopped`
      // before the next. Without signals to heed (run in process), no turn of the loop is needed.
      if (signals !== undefined) await heedSignals();
      return written;
    },
  };
}

/** A list of paths on one line, the first ten of them. */
function someOf(paths: readonly string[]): string {
  const shown = paths.slice(0, 10).map(oneLine).join(", ");
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}

/**
 * `signals`: the CLI as a program catches SIGINT, SIGTERM and SIGHUP once a write run writes
 * (catchSignals); interrupted so, it returns the signal's status (130, 143, 129), and the caller ends
 * by the signal.
 */
export async function run(argv: readonly string[], out: Out, signals?: Signals): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) printError(out, e.message);
      out.stderr(USAGE);
      return e.message ? 2 : 0;
    }
    throw e;
  }
  const vault = resolve(opts.vault);
  if (!existsSync(vault) || !statSync(vault).isDirectory()) {
    printError(out, `cannot read the vault folder ${opts.vault}`);
    return 2;
  }
  let today = todayFromClock();
  if (opts.today !== null) {
    const t = parseIsoDay(opts.today);
    if (!t) {
      const written = /^\d{4}-\d{2}-\d{2}$/.test(opts.today);
      printError(out, written ? `--today ${opts.today} is no day of the calendar` : `--today must be a date written yyyy-MM-dd, not ${opts.today}`);
      return 2;
    }
    today = t;
  }

  const warnings: Warning[] = [];
  let index: VaultIndex;
  let lossy: Set<string>;
  try {
    // Signals to heed (the program): a signal while the cache is written waits for its end.
    const cache = opts.cache === null ? {} : { cache: resolve(opts.cache), ...(signals !== undefined ? { uncut: writeUncut } : {}) };
    ({ index, lossy } = await loadVaultFromDiskAsync(vault, opts.config, warnings, { ...cache, ...(opts.configDir !== null ? { configDir: opts.configDir } : {}) }));
  } catch (e) {
    if (e instanceof UsageError) {
      printError(out, e.message);
      return 2;
    }
    printError(out, `cannot read the vault: ${(e as Error).message}`);
    return 2;
  }
  for (const w of index.warnings()) warnings.push(w);

  if (opts.command === "links") {
    printWarnings(out, warnings);
    out.stdout(JSON.stringify(index.linkGraph(), null, 2) + "\n");
    return 0;
  }

  let customers = index.customerPaths();
  if (opts.customer !== null) {
    const names = customerNames(vault, opts.customer);
    customers = [];
    for (const n of names) if (customers.length === 0) customers = findCustomer(index, n);
    if (customers.length === 0) {
      printWarnings(out, warnings);
      printError(out, names.length === 0 ? `--customer ${opts.customer} is a path outside the vault ${vault}` : `no customer page named ${opts.customer}`);
      return 2;
    }
  }
  const write = !opts.dryRun && !opts.check;
  const foresee = opts.dryRun && !opts.check;
  let report;
  try {
    // The index goes with the process: written pages need not go back into it.
    // --dry-run says which writes would fail, as far as permissions tell; --check answers only
    // whether anything would change (a CI job on a read-only checkout gets 1, not 3).
    report = await regenerate(index, customers, diskIO(vault, lossy, signals), { today, write, foresee, reindexWritten: false, stopped: () => signals?.received() != null });
  } catch (e) {
    signals?.disarm();
    printWarnings(out, warnings);
    printError(out, (e as Error).message);
    return 3;
  }
  // A signal caught while the last files were written is heard before the report says what was done.
  if (write && signals !== undefined) await heedSignals();
  const interrupted = signals?.received() ?? null;
  signals?.disarm();
  const unreached = report.unreached ?? [];
  const notReached = new Set(unreached);
  for (const w of report.warnings) warnings.push(w);
  // A page gone since the vault was read (deleted, renamed or moved during the run) has no report:
  // the round says nothing under a path it no longer has, and nothing else regenerates it this run.
  // One whose ticks the round wrote back first still shows them ticked where it went: the next run
  // meets them again (closed already, or refused on identical lines), and this says why.
  const reported = new Set(report.pages.map((p) => p.path));
  const written = new Map((report.goneWithTicks ?? []).map((g) => [g.path, g.lines.length]));
  for (const c of customers) {
    if (reported.has(c) || notReached.has(c)) continue;
    const n = written.get(c);
    const ticks = n === undefined ? "" : `; its ${n} tick(s) were written back first, and it shows them ticked until it is next regenerated`;
    warnings.push({ file: c, message: `gone since the vault was read (deleted, renamed or moved during the run); not regenerated${ticks}` });
  }
  printWarnings(out, warnings);

  const changed = report.pages.filter((p) => p.changed);
  if (opts.json) {
    out.stdout(
      JSON.stringify(
        {
          vault,
          today: formatDate(today),
          mode: opts.check ? "check" : opts.dryRun ? "dry-run" : "write",
          pages: report.pages,
          sources: report.sources,
          warnings,
          ...(interrupted !== null ? { interrupted: { signal: interrupted, notRegenerated: unreached } } : {}),
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    for (const s of report.sources) if (s.ticks > 0) out.stdout(`${write ? "ticked" : "would tick"} ${s.ticks} task(s) in ${oneLine(s.path)}\n`);
    // A page left unwritten in a write run (not valid UTF-8, changing while written) says so; its
    // warning says why. A dry run says so of one it knows the write run would not write.
    const wouldNot = (p: PageReport): boolean => foresee && (p.writeFailed === true || lossy.has(p.path));
    for (const p of changed) out.stdout(`${!write ? (wouldNot(p) ? "would not be written" : "would update") : p.written ? "updated" : "not written"} ${oneLine(p.path)}\n`);
    const notWritten = changed.filter((p) => (write ? !p.written : wouldNot(p))).length;
    const failed = report.pages.filter((p) => p.failed).length;
    // Made no customer page while the run wrote it: left as it is, neither changed nor unchanged.
    const noLonger = report.pages.filter((p) => p.noLongerCustomer).length;
    out.stdout(
      `${report.pages.length + unreached.length} customer page(s): ${changed.length - notWritten} ${write ? "updated" : "would change"}, ` +
        `${notWritten > 0 ? `${notWritten} ${write ? "not written" : "would not be written"}, ` : ""}${failed > 0 ? `${failed} failed, ` : ""}` +
        `${noLonger > 0 ? `${noLonger} no customer page any more, ` : ""}` +
        `${unreached.length > 0 ? `${unreached.length} not regenerated (interrupted), ` : ""}` +
        `${report.pages.length - changed.length - failed - noLonger} unchanged; ${warnings.length} warning(s)\n`,
    );
  }
  if (interrupted !== null) {
    // A note the round could not write (not valid UTF-8, permissions, changed meanwhile) is not
    // written for the stop either: its warning says so, and this line must not say otherwise.
    const all = report.sources.every((s) => s.written) ? "all their notes" : "all their notes that could be written (the warnings name the others)";
    out.stderr(
      unreached.length === 0
        ? `interrupted (${interrupted}) as the run ended, with nothing left to do\n`
        : `interrupted (${interrupted}): the ticks already begun were written to ${all}, and nothing else; ` +
            `${unreached.length} customer page(s) not regenerated: ${someOf(unreached)}; run it again to finish\n`,
    );
    return signalStatus(interrupted);
  }
  if (report.pages.some((p) => p.failed) || report.writeErrors > 0) return 3;
  if (opts.check && (changed.length > 0 || report.sources.some((s) => s.ticks > 0))) return 1;
  return 0;
}

// A worker thread started from this bundle (parse-pool.ts) sees the same argv: it is not the CLI.
const isMain = isMainThread && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // A stdout that cannot be written (`> report.json` on a full disk, a pipe closed early) ended the
  // run with Node's unhandled error and exit code 1, which --check uses for "a page would change".
  // So did a stderr that cannot be written — the terminal of a hangup (EIO), a pipe whose reader is
  // gone — at the first warning, or at the `interrupted` line, and then not by the signal: there
  // is nowhere to say it, and the output is as incomplete.
  let stdoutFailed = false;
  let stderrFailed = false;
  const toStderr = (s: string): void => {
    if (!stderrFailed) process.stderr.write(s);
  };
  const stdoutError = (e: Error): void => {
    if (!stdoutFailed) toStderr(`error: cannot write to stdout (${errorCode(e) ?? e.message}); the output is incomplete\n`);
    stdoutFailed = true;
    process.exitCode = 3;
  };
  process.stdout.on("error", stdoutError);
  process.stderr.on("error", () => {
    stderrFailed = true;
    process.exitCode = 3;
  });
  const signals = catchSignals(toStderr);
  run(
    process.argv.slice(2),
    {
      stdout: (s) => {
        if (!stdoutFailed) process.stdout.write(s);
      },
      stderr: toStderr,
    },
    signals,
  ).then(
    (code) => {
      process.exitCode = stdoutFailed || stderrFailed ? 3 : code;
      const sig = signals.received();
      // Ended by the signal once what was said is out (a pipe may still hold it). A stdout that
      // could not be written is said here: its "error" event comes after this callback, too late.
      // A stream that failed calls back with its error all the same.
      if (sig !== null) {
        const end = (): void => {
          if (stderrFailed) endBy(sig);
          else process.stderr.write("", () => endBy(sig));
        };
        if (stdoutFailed) end();
        else
          process.stdout.write("", (e) => {
            if (e) stdoutError(e);
            end();
          });
      }
    },
    (e: unknown) => {
      toStderr(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
