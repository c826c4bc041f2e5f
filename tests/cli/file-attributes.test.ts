// What a write keeps of the file it replaces (a temporary file, then a rename): its permissions
// whatever the umask, its owner when the run may give it (root), and a name close to the file
// system's limit, which the temporary file's name must not run past.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";
const NOTE = "Meetings/2025-11-01 - Acme call.md";
const TICKED = lines("---", "type: customer", "---", "# Acme", "", "## Open Tasks", "", "- [x] send the deck ([[2025-11-01 - Acme call]])");

function vault(note = NOTE, page = TICKED) {
  return makeVault({ [PAGE]: page, [note]: lines("Call with [[Acme]].", "", "- [ ] send the deck") });
}

/** The CLI under umask 022, as a login shell or cron usually gives it. */
function runUmask022(args: readonly string[]) {
  const r = spawnSync("/bin/sh", ["-c", 'umask 022 && exec "$0" "$@"', process.execPath, cli, ...args], { encoding: "utf8", cwd: tmpdir(), timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

const mode = (file: string): number => statSync(file).mode & 0o7777;

describe("a page or note written by the CLI", () => {
  it("keeps its permissions: a page shared with a group (0664) stays group-writable, a private note (0600) private", () => {
    const v = vault();
    chmodSync(join(v, PAGE), 0o664);
    chmodSync(join(v, NOTE), 0o600);
    const r = runUmask022(["regenerate", "--vault", v, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(lines(`ticked 1 task(s) in ${NOTE}`, `updated ${PAGE}`, "1 customer page(s): 1 updated, 0 unchanged; 0 warning(s)"));
    expect(read(v, NOTE)).toBe(lines("Call with [[Acme]].", "", "- [x] send the deck"));
    expect(read(v, PAGE)).toContain("- 2025-11-01: [[2025-11-01 - Acme call]] - Call with Acme.");
    expect(mode(join(v, PAGE))).toBe(0o664);
    expect(mode(join(v, NOTE))).toBe(0o600);
  });

  it("keeps its owner and group (a run as root, from root's crontab, on a user's vault)", () => {
    const v = vault();
    const asRoot = process.getuid?.() === 0;
    // Only root may give a file away; anyone else's run writes files of its own user, as before.
    const owner = asRoot ? { uid: 65534, gid: 65534 } : { uid: process.getuid!(), gid: process.getgid!() };
    for (const p of [PAGE, NOTE]) chownSync(join(v, p), owner.uid, owner.gid);
    const r = runCli(cli, ["regenerate", "--vault", v, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(read(v, NOTE)).toContain("- [x] send the deck");
    for (const p of [PAGE, NOTE]) {
      const st = statSync(join(v, p));
      expect({ uid: st.uid, gid: st.gid }).toEqual(owner);
    }
  });

  it("whose name is close to the file system's limit of 255 bytes is written, and no temporary file is left", () => {
    // 76 CJK characters: 228 bytes, and 242 with the date and `.md` — a name Obsidian can write.
    const name = `2025-11-01 ${"会議".repeat(38)}`;
    const note = `Meetings/${name}.md`;
    expect(Buffer.byteLength(`${name}.md`)).toBe(242);
    const v = vault(note, TICKED.replace("2025-11-01 - Acme call", name));
    const r = runCli(cli, ["regenerate", "--vault", v, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(lines(`ticked 1 task(s) in ${note}`, `updated ${PAGE}`, "1 customer page(s): 1 updated, 0 unchanged; 0 warning(s)"));
    expect(read(v, note)).toBe(lines("Call with [[Acme]].", "", "- [x] send the deck"));
    expect(readdirSync(join(v, "Meetings"))).toEqual([`${name}.md`]);
    expect(readdirSync(join(v, "Customers"))).toEqual(["Acme.md"]);
  });
});
