// What the CLI prints per page: a page it did not write says "not written", and a page whose
// rendering failed (a bug) is a warning and exit code 3 while the other pages are still written.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/main";
import { buildCli, lines, makeVault, removeTemps, runCli } from "./cli-helpers";

vi.mock("../../src/core/engine", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/core/engine")>();
  return {
    ...real,
    renderPage: (...args: Parameters<typeof real.renderPage>) => {
      if (args[1] === "Customers/Broken.md") throw new Error("boom");
      return real.renderPage(...args);
    },
  };
});

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const CALL = "Meetings/2025-07-01 - Call.md";

describe("per-page lines and the summary", () => {
  it("a page that is not valid UTF-8 would change but is never written: 'not written', not 'updated'", () => {
    const vault = makeVault({ "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme"), [CALL]: lines("Call with [[Acme]].") });
    const bytes = Buffer.concat([readFileSync(join(vault, "Customers/Acme.md")), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(join(vault, "Customers/Acme.md"), bytes);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("not written Customers/Acme.md\n1 customer page(s): 0 updated, 1 not written, 0 unchanged; 1 warning(s)\n");
    expect(r.errLines).toEqual([expect.stringMatching(/^warning: Customers\/Acme\.md: not valid UTF-8/)]);
    expect(readFileSync(join(vault, "Customers/Acme.md")).equals(bytes)).toBe(true);
  });

  it("a page whose rendering fails: a warning naming it, the others written, exit code 3", async () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme"),
      "Customers/Broken.md": lines("---", "type: customer", "---", "# Broken"),
      [CALL]: lines("Call with [[Acme]] and [[Broken]]."),
    });
    let stdout = "";
    let stderr = "";
    const code = await run(["regenerate", "--vault", vault, "--today", "2025-08-01"], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    expect(code).toBe(3);
    expect(stderr).toBe("warning: Customers/Broken.md: not regenerated: boom (a bug in Customer Pages; please report it)\n");
    expect(stdout).toBe("updated Customers/Acme.md\n2 customer page(s): 1 updated, 1 failed, 0 unchanged; 1 warning(s)\n");
    expect(readFileSync(join(vault, "Customers/Broken.md"), "utf8")).toBe(lines("---", "type: customer", "---", "# Broken"));
    expect(readFileSync(join(vault, "Customers/Acme.md"), "utf8")).toContain("## Recent Context");
  });
});
