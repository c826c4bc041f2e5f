// Golden tests: every vault in tests/fixtures/, regenerated once, must give exactly the files in
// its expected/ folder (derived by hand from the spec, see each fixture's README), leave every
// other file byte-identical, and print exactly the warnings its fixture.json lists. A second run changes nothing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main";
import { copyVault, listFiles } from "./helpers/vault";

const FIXTURES = join(__dirname, "fixtures");

interface FixtureSpec {
  today: string;
  warnings?: Array<{ file: string; contains: string }>;
}

function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const p of listFiles(dir)) out.set(p, readFileSync(join(dir, p)));
  return out;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const names = existsSync(FIXTURES)
  ? readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, "fixture.json"))).sort()
  : [];

describe("fixture vaults", () => {
  it("exist", () => {
    expect(names.length).toBeGreaterThan(0);
  });

  for (const name of names) {
    it(name, async () => {
      const dir = join(FIXTURES, name);
      const spec = JSON.parse(readFileSync(join(dir, "fixture.json"), "utf8")) as FixtureSpec;
      const vault = copyVault(join(dir, "vault"));
      const before = snapshot(vault);
      const expectedDir = join(dir, "expected");
      const expected = existsSync(expectedDir) ? snapshot(expectedDir) : new Map<string, Buffer>();

      const first = await cli(["regenerate", "--vault", vault, "--today", spec.today]);
      expect(first.code, first.stderr).toBe(0);
      const after = snapshot(vault);
      for (const [path, bytes] of after) {
        const want = expected.get(path) ?? before.get(path);
        expect(want, `unexpected new file ${path}`).toBeDefined();
        expect(bytes.toString("utf8"), path).toBe(want!.toString("utf8"));
        expect(Buffer.compare(bytes, want!), path).toBe(0);
      }
      for (const path of before.keys()) expect(after.has(path), `${path} was removed`).toBe(true);

      // The settings file is named by its full path, which is the temporary copy's: vault-relative here.
      const warnings = first.stderr
        .split("\n")
        .filter((l) => l.startsWith("warning: "))
        .map((l) => (l.startsWith(`warning: ${vault}/`) ? `warning: ${l.slice(`warning: ${vault}/`.length)}` : l));
      const listed = spec.warnings ?? [];
      const matches = (l: string, w: { file: string; contains: string }): boolean =>
        l.startsWith(`warning: ${w.file}: `) && l.toLowerCase().includes(w.contains.toLowerCase());
      for (const w of listed) {
        const hit = warnings.some((l) => matches(l, w));
        expect(hit, `no warning for ${w.file} containing "${w.contains}" in:\n${warnings.join("\n")}`).toBe(true);
      }
      // Exactly the warnings listed: each line printed is one of them, one line per entry (INDEX.md).
      for (const l of warnings) expect(listed.some((w) => matches(l, w)), `a warning fixture.json does not list: ${l}`).toBe(true);
      expect(warnings, "one warning per entry of fixture.json").toHaveLength(listed.length);

      const second = await cli(["regenerate", "--vault", vault, "--today", spec.today, "--check"]);
      expect(second.code, second.stdout).toBe(0);
    });
  }
});
