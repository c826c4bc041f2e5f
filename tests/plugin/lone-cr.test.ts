// @vitest-environment happy-dom
// Notes and a customer page whose lines end in a lone CR (classic Mac OS line ends, or a mix), in
// the plugin against the fake Obsidian (B40-C): the warnings Show warnings lists and the developer
// console gets, and every markdown file after "Regenerate every customer page", are what the built
// CLI, run as a process on the same files, gives; what they hold is checked by hand besides.
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
const READ_AS = "(classic Mac OS line ends), which Customer Pages does not read as line breaks";
const MAC_WARNING = `${MAC}: its lines end in a lone CR ${READ_AS}: the note is read as one line and gives no items or tasks; ${FIX}`;
const MIXED_WARNING = `${MIXED}: some of its lines end in a lone CR ${READ_AS}: each is read as part of the line above it, and items, tasks or headings there are missed; ${FIX}`;
const GLOBEX_WARNING = `${GLOBEX}: not regenerated: some of its lines end in a lone CR ${READ_AS}, so its sections cannot be placed safely; ${FIX}`;

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
  it("Regenerate every customer page: the pages and warnings are the CLI's; Globex's page is left as it is", async () => {
    const warned = loggedWarnings();
    const { h, plugin } = await startPlugin(files(), {});
    await h.run(plugin.regenerateAll());
    await h.settle();
    const cli1 = cliRun(cli, files());
    expect(markdownOf(h, cli1.files.keys())).toEqual(cli1.files);
    expect(warned()).toEqual(cli1.warnings);
    // By hand: the three warnings, each naming its file; Globex's page byte for byte as it was, the
    // Mac note giving Acme no item, the mixed note its two lines as one fact, joined by a space.
    expect(cli1.warnings).toEqual([GLOBEX_WARNING, MAC_WARNING, MIXED_WARNING]);
    expect(h.read(GLOBEX)).toBe(files()[GLOBEX]);
    const acme = h.read("Customers/Acme.md");
    expect(acme).toContain("\n- Fact one - Fact two ([[2025-10-05 - Acme mixed]])\n");
    // Read as one line, it is one paragraph: the summary, whole, and no item.
    expect(acme).toContain("\n- 2025-10-04: [[2025-10-04 - Acme mac]] - Call with Acme. ## Key Facts - Mac fact - [ ] Mac task\n");
    expect(acme).not.toMatch(/^- (?:\[ \] )?Mac (?:fact|task)/m);
    expect(acme).not.toContain("\r");
    expect(h.read(MAC)).toBe(files()[MAC]);
    expect(h.read(MIXED)).toBe(files()[MIXED]);
  });

  it("Show warnings lists each note under its name, with the CLI's text", async () => {
    const warned = loggedWarnings();
    const { h, plugin } = await startPlugin(files(), {});
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(warned()).toEqual([GLOBEX_WARNING, MAC_WARNING, MIXED_WARNING]);
    expect(h.executeCommand("customer-pages:show-warnings")).toBe(true);
    await h.settle();
    const root = openModals.at(-1)!.contentEl;
    const texts = (sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");
    expect(texts(".cp-warning-file")).toEqual([GLOBEX, MAC, MIXED]);
    const of = (w: string): string => w.slice(w.indexOf(".md: ") + ".md: ".length);
    expect(texts(".cp-warning-list li")).toEqual([of(GLOBEX_WARNING), of(MAC_WARNING), of(MIXED_WARNING)]);
  });

  it("the Mac note saved again with LF: its warning goes, and its items reach the page", async () => {
    const warned = loggedWarnings();
    const { h, plugin } = await startPlugin(files(), { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(warned()).toEqual([GLOBEX_WARNING, MAC_WARNING, MIXED_WARNING]);
    await h.modifyExternally(MAC, files()[MAC]!.replace(/\r/g, "\n"));
    await h.settle();
    await h.run(plugin.regenerateAll());
    await h.settle();
    const next = { ...files(), [MAC]: files()[MAC]!.replace(/\r/g, "\n") };
    const cli2 = cliRun(cli, next);
    expect(markdownOf(h, cli2.files.keys())).toEqual(cli2.files);
    expect(warned()).toEqual(cli2.warnings);
    expect(cli2.warnings).toEqual([GLOBEX_WARNING, MIXED_WARNING]);
    const acme = h.read("Customers/Acme.md");
    expect(acme).toContain("\n- Mac fact ([[2025-10-04 - Acme mac]])\n");
    expect(acme).toContain("\n- [ ] Mac task ([[2025-10-04 - Acme mac]])\n");
  });

  it("the notices say Globex's page was not regenerated, not that it is up to date (B40-F)", async () => {
    loggedWarnings();
    const { h, plugin } = await startPlugin(files(), { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.settle();
    // Acme changed; Globex left as it is; the warnings: Globex's, the Mac note's, the mixed note's.
    expect(h.notices()).toEqual(['Customer pages: 1 of 2 changed, 1 could not be regenerated, 3 warnings (the command "Show warnings" lists them).']);
    await h.openFile(GLOBEX);
    await h.flush();
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.notices().at(-1)).toBe('Customer page not regenerated: some of its lines end in a lone CR (the command "Show warnings" says why).');
    expect(h.read(GLOBEX)).toBe(files()[GLOBEX]);
  });
});
