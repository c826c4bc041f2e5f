// @vitest-environment happy-dom
// Notes and a customer page whose lines end in a lone CR (classic Mac OS line ends, or a mix), in
// the plugin against the fake Obsidian (B40-C, B41-D, B42-D): the warnings the developer console
// gets, and every markdown file after "Regenerate every customer page", are what the built CLI, run
// as a process on the same files, gives; what they hold is checked by hand besides.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildCli, removeTemps } from "../cli/cli-helpers";
import { openModals } from "../fake-obsidian/modal";
import { cliRun, loggedWarnings } from "./against-cli";
import { crmVault, markdownOf, startPlugin } from "./setup";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);
afterEach(() => {
  vi.restoreAllMocks();
  for (const m of [...openModals]) m.close();
});

const MAC = "Meetings/2025-10-04 - Acme mac.md";
const MIXED = "Meetings/2025-10-05 - Acme mixed.md";
const GLOBEX = "Customers/Globex.md";
/** Lines each ended by a lone CR, as a classic Mac OS editor saves them. */
const cr = (...ls: string[]): string => ls.join("\r") + "\r";

function files(): Record<string, string> {
  return {
    ...crmVault(),
    [MAC]: "Call with [[Acme]].\r\r## Key Facts\r\r- Mac fact\r- [ ] Mac task\r",
    [MIXED]: "Call with [[Acme]].\n\n## Key Facts\n\n- Fact one\r- Fact two\n",
    // Globex's page, with a sync from [[Globex]]'s meeting to place, as a classic Mac editor saved it.
    [GLOBEX]: cr("---", "type: customer", "---", "# Globex", "", "## Key Facts", "", "- mine", "", "## Notes", "", "Keep me."),
  };
}

/**
 * Globex's page regenerated, by hand: its lines as they were, each with its CR (`- mine` was the Key
 * Facts body, which Globex's notes leave empty), the sections added above `## Notes` in the order of
 * §7, every line written ending in a CR as the page's first line does.
 */
const GLOBEX_AFTER = cr(
  "---", "type: customer", "last_contact: 2025-10-02", "---", "# Globex", "",
  "## Recent Context", "", "- 2025-10-02: [[2025-10-02 - Globex sync]] - Sync with Bob Stone of Globex.", "",
  "## Key Facts", "",
  "## Account Status", "", "| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-10-02 |", "",
  "## Key Contacts", "", "- [[Bob Stone]]", "",
  "## Collaborators", "", "| Person | Role | Company |", "|--------|------|---------|", "| [[Bob Stone]] | Buyer | Globex |", "",
  "## Related People", "", "- [[Bob Stone]]", "",
  "## Notes", "", "Keep me.",
);

describe("lone CR line ends in the plugin", () => {
  it("Regenerate every customer page: the pages and warnings are the CLI's; the notes read line by line; Globex's Mac page regenerated in CRs (B42-D)", async () => {
    const warned = loggedWarnings();
    const { h, plugin } = await startPlugin(files(), {});
    await h.run(plugin.regenerateAll());
    await h.settle();
    const cli1 = cliRun(cli, files());
    expect(markdownOf(h, cli1.files.keys())).toEqual(cli1.files);
    expect(warned()).toEqual(cli1.warnings);
    // By hand: no warning (before B42-D, Globex's "not regenerated: some of its lines end in a lone
    // CR …", its page as it was); each note's lines its own, as Obsidian shows them (before B41-D,
    // the Mac note gave no item, its whole text the summary, and the mixed note's two facts were one).
    expect(cli1.warnings).toEqual([]);
    expect(h.read(GLOBEX)).toBe(GLOBEX_AFTER);
    const acme = h.read("Customers/Acme.md");
    expect(acme).toContain("\n- 2025-10-04: [[2025-10-04 - Acme mac]] - Call with Acme.\n");
    for (const line of ["- Fact one ([[2025-10-05 - Acme mixed]])", "- Fact two ([[2025-10-05 - Acme mixed]])", "- Mac fact ([[2025-10-04 - Acme mac]])", "- [ ] Mac task ([[2025-10-04 - Acme mac]])"]) {
      expect(acme).toContain(`\n${line}\n`);
    }
    expect(acme).not.toContain("\r");
    expect(h.read(MAC)).toBe(files()[MAC]);
    expect(h.read(MIXED)).toBe(files()[MIXED]);
  });

  it("Globex's Mac page open in an editor (the fake's keeps its CRs): Regenerate customer page writes the CLI's bytes through it", async () => {
    loggedWarnings();
    const { h } = await startPlugin(files(), { refreshOnSave: false });
    const view = await h.openFile(GLOBEX);
    await h.flush();
    expect(view.editor.getValue()).toBe(files()[GLOBEX]);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.notices().at(-1)).toBe("Customer page updated.");
    expect(view.editor.getValue()).toBe(GLOBEX_AFTER);
    expect(h.read(GLOBEX)).toBe(cliRun(cli, files()).files.get(GLOBEX));
    expect(h.read(GLOBEX)).toBe(GLOBEX_AFTER);
  });

  it("the Mac task ticked on Acme's page is ticked in the note, whose lone CRs stay; as the CLI does", async () => {
    loggedWarnings();
    const { h, plugin } = await startPlugin(files(), { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.settle();
    const task = "- [ ] Mac task ([[2025-10-04 - Acme mac]])";
    const ticked = h.read("Customers/Acme.md").replace(task, "- [x] Mac task ([[2025-10-04 - Acme mac]])");
    // The vault as the plugin left it, the box ticked: what the CLI is given.
    const next = { ...files(), ...Object.fromEntries(markdownOf(h, Object.keys(files()))), "Customers/Acme.md": ticked };
    await h.modifyExternally("Customers/Acme.md", ticked);
    await h.settle();
    await h.run(plugin.regenerateAll());
    await h.settle();
    const cli2 = cliRun(cli, next);
    expect(markdownOf(h, cli2.files.keys())).toEqual(cli2.files);
    expect(h.read(MAC)).toBe("Call with [[Acme]].\r\r## Key Facts\r\r- Mac fact\r- [x] Mac task\r");
    expect(h.read("Customers/Acme.md")).not.toContain("Mac task");
  });

  it("a task ticked on Globex's Mac page is ticked in its note and gone from the page, which stays in CRs; as the CLI does (B42-D)", async () => {
    loggedWarnings();
    const note = "Meetings/2025-10-06 - Globex mac.md";
    const start = { ...files(), [note]: "Call with [[Globex]].\r\r- [ ] Globex task\r- [ ] Other task\r" };
    const { h, plugin } = await startPlugin(start, { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.settle();
    const task = "- [ ] Globex task ([[2025-10-06 - Globex mac]])";
    expect(h.read(GLOBEX)).toContain(`\r## Open Tasks\r\r${task}\r- [ ] Other task ([[2025-10-06 - Globex mac]])\r\r`);
    // Before B42-D: "1 tick(s) not applied: the page cannot be written (some of its lines end in a lone CR) …".
    const ticked = h.read(GLOBEX).replace(task, "- [x] Globex task ([[2025-10-06 - Globex mac]])");
    const next = { ...start, ...Object.fromEntries(markdownOf(h, Object.keys(start))), [GLOBEX]: ticked };
    const warned = loggedWarnings();
    await h.modifyExternally(GLOBEX, ticked);
    await h.settle();
    await h.run(plugin.regenerateAll());
    await h.settle();
    const cli2 = cliRun(cli, next);
    expect(markdownOf(h, cli2.files.keys())).toEqual(cli2.files);
    expect(warned()).toEqual([]);
    expect(cli2.warnings).toEqual([]);
    expect(h.read(note)).toBe("Call with [[Globex]].\r\r- [x] Globex task\r- [ ] Other task\r");
    expect(h.read(GLOBEX)).toContain("\r## Open Tasks\r\r- [ ] Other task ([[2025-10-06 - Globex mac]])\r\r");
    expect(h.read(GLOBEX)).not.toContain("Globex task");
    expect(h.read(GLOBEX)).not.toContain("\n");
  });

  it("the notices count Globex's page among those changed, then up to date (B40-F's 'not regenerated' no more)", async () => {
    loggedWarnings();
    const { h, plugin } = await startPlugin(files(), { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.settle();
    // Before: "1 of 2 changed, 1 could not be regenerated, 1 warning".
    expect(h.notices()).toEqual(["Customer pages: 2 of 2 changed, 0 warnings."]);
    await h.openFile(GLOBEX);
    await h.flush();
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.notices().at(-1)).toBe("Customer page already up to date.");
    expect(h.read(GLOBEX)).toBe(GLOBEX_AFTER);
  });
});
