// B33-I: a footnote definition on a customer page whose next line looks like a delimiter row of
// another cell count (`[^1]: f` / `  --|--`) is no table (GFM): it ends the managed body above it,
// and the user's lines below stay, run after run. End to end, through the CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, changedPaths, lines, makeVault, read, removeTemps, runCli, snapshot } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";

describe("a footnote definition above a mismatched delimiter row under a managed section", () => {
  it("keeps every user line; a second run changes nothing", () => {
    const mine = ["[^1]: my footnote", "  --|--", "my own line"];
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme", "", "## Key Facts", "", ...mine),
      "Meetings/m.md": lines("Met with [[Acme]]."),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    const out = read(vault, PAGE).split("\n");
    const at = out.indexOf(mine[0]!);
    // The Key Facts body (empty: no facts) ends at the footnote; the three lines follow it as they were.
    expect(out.slice(at - 2, at + 3)).toEqual(["## Key Facts", "", ...mine]);
    ageFiles(vault);
    const before = snapshot(vault);
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(again.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });
});
