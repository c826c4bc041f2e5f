// writeAtomic: a temporary file, then a rename — and, given `unchanged`, nothing written when the
// file changed while the new text was being written and synced (an editor saving meanwhile).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stickyRefuses, writeAtomic } from "../../src/cli/vault-fs";
import { removeTemps, tempDir } from "./cli-helpers";

afterAll(removeTemps);

describe("writeAtomic", () => {
  it("writes the text when the file is as it was", () => {
    const dir = tempDir();
    const file = join(dir, "Page.md");
    writeFileSync(file, "old\n");
    expect(writeAtomic(file, "new\n", undefined, () => readFileSync(file, "utf8") === "old\n")).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["Page.md"]);
  });

  it("writes nothing when the file changed before the rename, and leaves no temporary file", () => {
    const dir = tempDir();
    const file = join(dir, "Page.md");
    writeFileSync(file, "old\n");
    // The user's editor saves while the new text is being written: `unchanged` is asked after that.
    const unchanged = (): boolean => {
      writeFileSync(file, "old\nA line typed meanwhile.\n");
      return readFileSync(file, "utf8") === "old\n";
    };
    expect(writeAtomic(file, "new\n", undefined, unchanged)).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("old\nA line typed meanwhile.\n");
    expect(readdirSync(dir)).toEqual(["Page.md"]);
  });
});

describe("stickyRefuses: the rename over another user's file in a folder with the sticky bit (B41-B)", () => {
  // What the kernel decides (Linux's check_sticky; checked on this host with mv as uid 65534): in a
  // sticky folder only the file's owner, the folder's owner or root may replace the file, whatever
  // access(W_OK) says of both. Over stat-like data, so that every case runs under any user; the
  // end-to-end tests (cli/permissions) need root to give a file to another user.
  const DIR = 0o040000;
  const FILE = 0o100000;
  const folder = (mode: number, uid: number) => ({ mode: DIR | mode, uid });
  const file = (uid: number) => ({ mode: FILE | 0o666, uid });

  it("refuses another user's file in another user's folder with the sticky bit (1777, as /tmp)", () => {
    expect(stickyRefuses(folder(0o1777, 0), file(0), 65534)).toBe(true);
    expect(stickyRefuses(folder(0o1777, 0), file(1000), 65534)).toBe(true);
  });

  it("refuses too when the folder is only the group's to write (1770): the sticky bit decides, not world-writing", () => {
    expect(stickyRefuses(folder(0o1770, 0), file(1000), 65534)).toBe(true);
  });

  it("allows the file's owner, the folder's owner, and root", () => {
    expect(stickyRefuses(folder(0o1777, 0), file(65534), 65534)).toBe(false);
    expect(stickyRefuses(folder(0o1777, 65534), file(0), 65534)).toBe(false);
    expect(stickyRefuses(folder(0o1777, 1000), file(1000), 0)).toBe(false);
  });

  it("allows everything in a folder without the sticky bit (access decides there), a file not there yet, and a system without owners", () => {
    expect(stickyRefuses(folder(0o0777, 0), file(0), 65534)).toBe(false);
    expect(stickyRefuses(folder(0o1777, 0), null, 65534)).toBe(false);
    expect(stickyRefuses(folder(0o1777, 0), file(0), undefined)).toBe(false);
  });

  it("reads the sticky bit alone among the mode's bits (setgid folder, set-id file bits)", () => {
    expect(stickyRefuses(folder(0o2777, 0), { mode: FILE | 0o6777, uid: 0 }, 65534)).toBe(false);
    expect(stickyRefuses(folder(0o3777, 0), file(0), 65534)).toBe(true);
  });
});
