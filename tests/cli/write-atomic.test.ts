// writeAtomic: a temporary file, then a rename — and, given `unchanged`, nothing written when the
// file changed while the new text was being written and synced (an editor saving meanwhile).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeAtomic } from "../../src/cli/vault-fs";
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
