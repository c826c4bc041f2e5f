// Reading ahead on a worker (src/cli/read-ahead.ts) gives the files readNote gives, in order,
// and fails as readNote fails (a file gone since the listing is left out, as readListedNote does). `mainReads: false` makes the worker read every file, as in a big
// vault once it has started. Nothing here is timed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAhead } from "../../src/cli/read-ahead";
import { readListedNote, readNote } from "../../src/cli/vault-fs";

let dir = "";
const paths: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cp-read-ahead-"));
  mkdirSync(join(dir, "Notes"));
  // 200 files: several chunks; one not UTF-8, one empty, one with a BOM and CRLF, one large.
  for (let i = 0; i < 200; i++) {
    const p = `Notes/n${String(i).padStart(3, "0")}.md`;
    paths.push(p);
    let bytes: Buffer;
    if (i === 7) bytes = Buffer.from([0x41, 0xff, 0x42, 0x0a]);
    else if (i === 8) bytes = Buffer.alloc(0);
    else if (i === 9) bytes = Buffer.from("\ufeff# Title\r\n- [ ] task [[Acme]]\r\n", "utf8");
    else if (i === 10) bytes = Buffer.from("x".repeat(300_000) + "\n", "utf8");
    else bytes = Buffer.from(`Note ${i} about [[Acme]] — café ✅\n`, "utf8");
    writeFileSync(join(dir, p), bytes);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readAhead", () => {
  for (const mainReads of [false, true]) {
    it(`gives what readNote gives, file by file and in order (main thread reads: ${mainReads})`, () => {
      const got = [...readAhead(dir, paths, { mainReads })];
      expect(got.map((f) => f.path)).toEqual(paths);
      for (let i = 0; i < paths.length; i++) expect(got[i], paths[i]).toEqual(readNote(dir, paths[i]!));
      expect(got[7]).toEqual({ path: paths[7], text: "A\ufffdB\n", lossy: true });
      expect(got[8]).toEqual({ path: paths[8], text: "", lossy: false });
      expect(got[9]!.text).toBe("\ufeff# Title\r\n- [ ] task [[Acme]]\r\n");
      expect(got[10]!.text.length).toBe(300_001);
    });
  }

  it("a file that cannot be read fails as readNote fails, after the files before it", () => {
    // A folder in a file's place: there, and no file to read (EISDIR).
    mkdirSync(join(dir, "Notes/folder.md"), { recursive: true });
    const withUnreadable = [...paths.slice(0, 40), "Notes/folder.md", ...paths.slice(40)];
    const seen: string[] = [];
    let error: unknown = null;
    try {
      for (const f of readAhead(dir, withUnreadable, { mainReads: false })) seen.push(f.path);
    } catch (e) {
      error = e;
    }
    expect(seen).toEqual(paths.slice(0, 40));
    expect(String(error)).toMatch(/EISDIR/);
    expect(() => readNote(dir, "Notes/folder.md")).toThrow(/EISDIR/);
  });

  for (const mainReads of [false, true]) {
    it(`a file gone since the listing is left out, as readListedNote leaves it out (main thread reads: ${mainReads})`, () => {
      const withGone = [...paths.slice(0, 40), "Notes/gone.md", ...paths.slice(40, 70), "Notes/gone too.md", ...paths.slice(70)];
      expect(readListedNote(dir, "Notes/gone.md")).toBeNull();
      expect([...readAhead(dir, withGone, { mainReads })].map((f) => f.path)).toEqual(paths);
    });
  }

  it("stopping early lets the worker go", () => {
    const it = readAhead(dir, paths, { mainReads: false });
    expect(it.next().value).toEqual(readNote(dir, paths[0]!));
    expect(it.return(undefined).done).toBe(true);
  });
});
