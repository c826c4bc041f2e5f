// The spec's worked example through the real CLI process: the exact page, nothing else touched,
// a second run that writes nothing, and no temporary files left behind by the atomic write.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED } from "../helpers/vault";
import {
  ageFiles,
  buildCli,
  changedPaths,
  copyOf,
  listFiles,
  OLD_TIME,
  read,
  removeTemps,
  runCli,
  snapshot,
  touchedPaths,
} from "./cli-helpers";

const EXAMPLE = join(SHARED, "spec", "example");
const PAGE = "Customers/Northstar Bank.md";
const EXPECTED = readFileSync(join(EXAMPLE, "Northstar Bank.expected.md"), "utf8");

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

describe("regenerate on the worked example", () => {
  it("exits 0, writes exactly Northstar Bank.expected.md and changes no other file", () => {
    const vault = copyOf(join(EXAMPLE, "vault"));
    const before = snapshot(vault);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-01"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`updated ${PAGE}\n`);
    expect(read(vault, PAGE)).toBe(EXPECTED);
    const after = snapshot(vault);
    expect(changedPaths(before, after)).toEqual([PAGE]);
    // Every other file keeps its bytes.
    for (const [p, s] of before) if (p !== PAGE) expect(after.get(p)!.bytes.equals(s.bytes), p).toBe(true);
  });

  it("a second run changes no byte, writes no file, and says nothing was updated", () => {
    const vault = copyOf(join(EXAMPLE, "vault"));
    const first = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-01"]);
    expect(first.status).toBe(0);
    expect(read(vault, PAGE)).toBe(EXPECTED);

    ageFiles(vault);
    const before = snapshot(vault);
    for (const s of before.values()) expect(s.mtimeMs).toBe(OLD_TIME.getTime());
    const second = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-01"]);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe("");
    const after = snapshot(vault);
    expect(changedPaths(before, after)).toEqual([]);
    expect(touchedPaths(before, after)).toEqual([]);
    expect(second.stdout).not.toMatch(/^updated /m);
    expect(second.stdout).toMatch(/\b0 updated\b/);
    expect(second.stdout).toMatch(/\b1 unchanged\b/);
  });

  it("--check after the run exits 0: the page is up to date", () => {
    const vault = copyOf(join(EXAMPLE, "vault"));
    expect(runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-01"]).status).toBe(0);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-01", "--check"]);
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(EXPECTED);
  });

  it("the atomic write leaves no temporary file in the page's folder (or anywhere in the vault)", () => {
    const vault = copyOf(join(EXAMPLE, "vault"));
    const filesBefore = listFiles(vault);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-01"]);
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(EXPECTED);
    expect(listFiles(vault)).toEqual(filesBefore);
    expect(listFiles(join(vault, "Customers"))).toEqual(["Northstar Bank.md"]);
  });

  it("does not touch the original example vault", () => {
    // The originals are only ever copied: the page there still has its empty Recent Context.
    const original = readFileSync(join(EXAMPLE, "vault", PAGE), "utf8");
    expect(original).not.toBe(EXPECTED);
    expect(original).toContain("## Recent Context\n\n## Notes\n");
  });
});
