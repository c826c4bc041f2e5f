// The contract's §9 ("What the old tool got wrong"), through the real CLI process: each defect's
// fixture vault (tests/fixtures/defect-*, expected pages derived by hand, see each README), and the
// two that hold the mistakes the seed page shows besides §9's list (a customer page as a via note's
// entity, the user in Collaborators, people out of order), copied to a temporary folder and run as
// `node dist/cli.mjs regenerate` — the build users run, with its worker threads and read-ahead,
// which tests/fixtures.test.ts (in-process `run`) does not use. Every changed file must be exactly
// its expected/ file, every other file keep its bytes, the warnings fixture.json lists be printed,
// and a second run change nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/vault";
import { OLD_TOOL_DEFECTS } from "../helpers/old-tool-defects";
import { buildCli, changedPaths, copyOf, fileBytes, removeTemps, runCli, snapshot } from "./cli-helpers";

const FIXTURES = join(ROOT, "tests", "fixtures");

interface FixtureSpec {
  today: string;
  warnings?: Array<{ file: string; contains: string }>;
}

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

describe("§9: what the old tool got wrong, through the CLI process", () => {
  for (const [defect, name] of OLD_TOOL_DEFECTS) {
    it(`${defect} (${name})`, () => {
      const dir = join(FIXTURES, name);
      const spec = JSON.parse(readFileSync(join(dir, "fixture.json"), "utf8")) as FixtureSpec;
      const expected = fileBytes(join(dir, "expected"));
      const vault = copyOf(join(dir, "vault"));
      const before = snapshot(vault);

      const r = runCli(cli, ["regenerate", "--vault", vault, "--today", spec.today]);
      expect(r.status, r.stderr).toBe(0);
      // Nothing on stderr but warnings, and the ones the fixture requires among them.
      expect(r.errLines.filter((l) => !l.startsWith("warning: "))).toEqual([]);
      for (const w of spec.warnings ?? []) {
        const hit = r.warnings.some((l) => l.startsWith(`warning: ${w.file}: `) && l.toLowerCase().includes(w.contains.toLowerCase()));
        expect(hit, `no warning for ${w.file} containing "${w.contains}" in:\n${r.warnings.join("\n")}`).toBe(true);
      }

      const after = snapshot(vault);
      // Exactly the files expected/ holds changed (an expected file equal to its input is allowed).
      expect(changedPaths(before, after)).toEqual([...expected.keys()].filter((p) => !before.get(p)?.bytes.equals(expected.get(p)!)).sort());
      for (const [p, bytes] of expected) expect(after.get(p)!.bytes.toString("utf8"), p).toBe(bytes.toString("utf8"));

      // A second run writes nothing.
      const again = runCli(cli, ["regenerate", "--vault", vault, "--today", spec.today]);
      expect(again.status, again.stderr).toBe(0);
      expect(changedPaths(after, snapshot(vault))).toEqual([]);
    });
  }
});
