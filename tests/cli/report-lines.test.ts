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
    // --json (README): changed and not written, with no `writeFailed`, which is for a write refused
    // or failed; the dry run lists it `would not be written` and exits 0 all the same.
    for (const mode of [[], ["--dry-run"]]) {
      const j = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01", "--json", ...mode]);
      expect(j.status).toBe(0);
      expect((JSON.parse(j.stdout) as { pages: unknown[] }).pages).toEqual([{ path: "Customers/Acme.md", changed: true, written: false }]);
    }
    const dry = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01", "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe("would not be written Customers/Acme.md\n1 customer page(s): 0 would change, 1 would not be written, 0 unchanged; 1 warning(s)\n");
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

describe("one line each, also for a name holding a line break", () => {
  it("a note or page whose file name holds a line break (Linux allows it), and a setting's value holding one, are each one line, the break written \\n", () => {
    const vault = makeVault({
      "Customers/Acme\nCorp.md": lines("---", "type: customer", "aliases: [Acme]", "---", "# Acme"),
      "Meetings/2025-07-01 Acme\r\ncall.md": lines("Call with Acme about [[Nobody]]."),
      ".obsidian/plugins/customer-pages/data.json": JSON.stringify({ ignoredPeople: ["Me\nMyself"] }),
    });
    const settings = join(vault, ".obsidian/plugins/customer-pages/data.json");
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01", "--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${settings}: setting "ignoredPeople": no person note is named "Me\\nMyself" (by name or alias), so it leaves nobody out\n` +
        "warning: Meetings/2025-07-01 Acme\\r\\ncall.md: unresolved link [[Nobody]]\n",
    );
    expect(r.stdout).toBe("would update Customers/Acme\\nCorp.md\n1 customer page(s): 1 would change, 0 unchanged; 2 warning(s)\n");
    // The report for scripts keeps the names as they are: JSON escapes them.
    const json = JSON.parse(runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01", "--dry-run", "--json"]).stdout) as {
      pages: Array<{ path: string }>;
      warnings: Array<{ file: string }>;
    };
    expect(json.pages.map((p) => p.path)).toEqual(["Customers/Acme\nCorp.md"]);
    expect(json.warnings.map((w) => w.file)).toEqual([settings, "Meetings/2025-07-01 Acme\r\ncall.md"]);
  });

  it("an error line naming such a file, or a page asked for by such a name, is one line too", () => {
    const vault = makeVault({ "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme"), "Meetings/keep.md": "" });
    // Not valid UTF-8 (a Latin-1 ü), and a line break: the run stops, naming the note on one line.
    const bad = Buffer.concat([Buffer.from(join(vault, "Meetings") + "/2025-07-01 M"), Buffer.from([0xfc]), Buffer.from("ller\ncall.md")]);
    writeFileSync(bad, "Call with [[Acme]].\n");
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: cannot read the vault: the name of Meetings/2025-07-01 M\uFFFDller\\ncall.md is not valid UTF-8 (shown here with U+FFFD); rename it\n");
    const other = makeVault({ "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme") });
    const c = runCli(cli, ["regenerate", "--vault", other, "--today", "2025-08-01", "--customer", "Acme\nCorp"]);
    expect(c.status).toBe(2);
    expect(c.stderr).toBe("error: no customer page named Acme\\nCorp\n");
  });

  it("a person so named, through whom a meeting relates, is `(via Ann Lee)` on the meeting's line, not a line broken in two", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme"),
      "People/Ann\nLee.md": lines("---", 'company: "[[Acme]]"', "---"),
      "Meetings/2025-07-01 call.md": lines("Call with [Ann](People/Ann%0ALee.md)."),
    });
    expect(runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01"]).status).toBe(0);
    expect(readFileSync(join(vault, "Customers/Acme.md"), "utf8")).toContain(lines("## Recent Context", "", "- 2025-07-01: [[2025-07-01 call]] - Call with Ann. (via Ann Lee)", ""));
  });

  it("such a note is linked from the page with a markdown link on one line (a wikilink cannot hold the break), and a tick on its task reaches it", () => {
    const note = "Meetings/2025-07-01 Acme\ncall.md";
    const vault = makeVault({ "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme"), [note]: lines("Call with [[Acme]].", "", "- [ ] send the deck") });
    const link = "[2025-07-01 Acme call](Meetings/2025-07-01%20Acme%0Acall.md)";
    expect(runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01"]).status).toBe(0);
    const page = readFileSync(join(vault, "Customers/Acme.md"), "utf8");
    expect(page).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-07-01",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        `- 2025-07-01: ${link} - Call with Acme.`,
        "",
        "## Open Tasks",
        "",
        `- [ ] send the deck (${link})`,
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-07-01 |",
      ),
    );
    writeFileSync(join(vault, "Customers/Acme.md"), page.replace("- [ ] send the deck", "- [x] send the deck"));
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01"]);
    expect(r.errLines).toEqual([]);
    expect(r.stdout).toBe("ticked 1 task(s) in Meetings/2025-07-01 Acme\\ncall.md\nupdated Customers/Acme.md\n1 customer page(s): 1 updated, 0 unchanged; 0 warning(s)\n");
    expect(readFileSync(join(vault, note), "utf8")).toBe(lines("Call with [[Acme]].", "", "- [x] send the deck"));
  });
});
