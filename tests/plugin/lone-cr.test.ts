// @vitest-environment happy-dom
// Notes and a customer page whose lines end in a lone CR (classic Mac OS line ends, or a mix), in
// the plugin against the fake Obsidian (B40-C, B41-D): the warnings Show warnings lists and the
// developer console gets, and every markdown file after "Regenerate every customer page", are what
// the built CLI, run as a process on the same files, gives; what they hold is checked by hand besides.
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
const FIX = "convert its line ends to LF (or CRLF)";
const GLOBEX_WARNING = `${GLOBEX}: not regenerated: some of its lines end in a lone CR (classic Mac OS line ends), and Customer Pages writes its sections only into a page whose lines end in LF or CRLF, so that none of your lines is misplaced; ${FIX}`;

function files(): Record<string, string> {
  return {
    ...crmVault(),
    [MAC]: "Call with [[Acme]].\r\r## Key Facts\r\r- Mac fact\r- [ ] Mac task\r",
    [MIXED]: "Call with [[Acme]].\n\n## Key Facts\n\n- Fact one\r- Fact two\n",
    // Globex's page, with a sync from [[Globex]]'s meeting to place, as a classic Mac editor saved it.
    [GLOBEX]: "---\rtype: customer\r---\r# Globex\r\r## Key Facts\r\r- mine\r\r## Notes\r\rKeep me.\r",
  };
}

describe("lone CR line ends in the plugin", () => {
  it("Regenerate every customer page: the pages and warnings are the CLI's; the notes read line by line; Globex's page is left as it is", async () => {
    const warned = loggedWarnings();
    const { h, plugin } = await startPlugin(files(), {});
    await h.run(plugin.regenerateAll());
    await h.settle();
    const cli1 = cliRun(cli, files());
    expect(markdownOf(h, cli1.files.keys())).toEqual(cli1.files);
    expect(warned()).toEqual(cli1.warnings);
    // By hand: one warning, Globex's; its page byte for byte as it was; each note's lines its own,
    // as Obsidian shows them (before B41-D, the Mac note gave no item, its whole text the summary,
    // and the mixed note's two facts were one).
    expect(cli1.warnings).toEqual([GLOBEX_WARNING]);
    expect(h.read(GLOBEX)).toBe(files()[GLOBEX]);
    const acme = h.read("Customers/Acme.md");
    expect(acme).toContain("\n- 2025-10-04: [[2025-10-04 - Acme mac]] - Call with Acme.\n");
    for (const line of ["- Fact one ([[2025-10-05 - Acme mixed]])", "- Fact two ([[2025-10-05 - Acme mixed]])", "- Mac fact ([[2025-10-04 - Acme mac]])", "- [ ] Mac task ([[2025-10-04 - Acme mac]])"]) {
      expect(acme).toContain(`\n${line}\n`);
    }
    expect(acme).not.toContain("\r");
    expect(h.read(MAC)).toBe(files()[MAC]);
    expect(h.read(MIXED)).toBe(files()[MIXED]);
  });

  it("Show warnings lists Globex's page alone, with the CLI's text", async () => {
    const warned = loggedWarnings();
    const { h, plugin } = await startPlugin(files(), {});
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(warned()).toEqual([GLOBEX_WARNING]);
    expect(h.executeCommand("customer-pages:show-warnings")).toBe(true);
    await h.settle();
    const root = openModals.at(-1)!.contentEl;
    const texts = (sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");
    expect(texts(".cp-warning-file")).toEqual([GLOBEX]);
    const of = (w: string): string => w.slice(w.indexOf(".md: ") + ".md: ".length);
    expect(texts(".cp-warning-list li")).toEqual([of(GLOBEX_WARNING)]);
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

  it("the notices say Globex's page was not regenerated, not that it is up to date (B40-F)", async () => {
    loggedWarnings();
    const { h, plugin } = await startPlugin(files(), { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.settle();
    // Acme changed; Globex left as it is, the one warning.
    expect(h.notices()).toEqual(['Customer pages: 1 of 2 changed, 1 could not be regenerated, 1 warning (the command "Show warnings" lists it).']);
    await h.openFile(GLOBEX);
    await h.flush();
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.notices().at(-1)).toBe('Customer page not regenerated: some of its lines end in a lone CR (the command "Show warnings" says why).');
    expect(h.read(GLOBEX)).toBe(files()[GLOBEX]);
  });
});
