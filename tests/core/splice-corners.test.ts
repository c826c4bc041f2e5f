// Corners the fuzzer found after the first round of fixes: each must stay idempotent and keep the
// user's lines.
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { splicePage } from "../../src/core/splice";
import { VaultIndex } from "../../src/core/vault-index";

describe("splice corners", () => {
  it("a managed heading whose line opens a comment that closes below is left as it is", () => {
    const page = "---\n---\n# Blockers<!--\n<!--\n-->";
    const bodies = { blockers: ["- ❌ risk"], collaborators: ["- [ ] alpha"] };
    const once = splicePage(page, bodies, DEFAULT_SETTINGS, "2025-03-04");
    // That heading is no managed section: Blockers and Collaborators are added at the end, as `##`.
    expect(once.text).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Blockers<!--\n<!--\n-->\n\n## Blockers\n\n- ❌ risk\n\n## Collaborators\n\n- [ ] alpha\n",
    );
    expect(once.warnings).toEqual(['heading "Blockers<!--" opens a comment that runs on below it; its section is left as it is']);
    expect(splicePage(once.text, bodies, DEFAULT_SETTINGS, "2025-03-04").text).toBe(once.text);
  });

  it("a lazy line after a loose paragraph of a list item keeps the item open: no setext heading", () => {
    const page = "# Recent Context\n- alpha\n\n  Recent Context\n=\n  # alpha\n";
    const out = splicePage(page, { recentContext: [] }, DEFAULT_SETTINGS, "unknown").text;
    // `=` continues the item's paragraph, so `  # alpha` is inside the item, in the managed body.
    expect(out).toBe("---\nlast_contact: unknown\n---\n# Recent Context\n");
  });

  it("an empty customer page is a link target like any other: a second run changes nothing", () => {
    const files = new Map([
      ["Customers/Acme.md", ""],
      ["Notes/Other.md", "---\naliases: [Acme]\n---\n"],
      ["Meetings/2025-01-02 Call.md", "With [[Acme]].\n"],
    ]);
    const today = parseIsoDay("2025-02-01")!;
    const build = (): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const first = renderPage(build(), "Customers/Acme.md", files.get("Customers/Acme.md")!, today).text;
    expect(first).toContain("- 2025-01-02: [[2025-01-02 Call]] - With Acme.");
    files.set("Customers/Acme.md", first);
    expect(renderPage(build(), "Customers/Acme.md", first, today).text).toBe(first);
  });
});

describe("raw HTML on a page", () => {
  it("a managed name inside a <details> block is no heading (CommonMark): the block is kept whole, the section added", () => {
    const page = "---\ntype: customer\n---\n# Acme\n\n<details>\n## Key Facts\n- my hidden fact\n</details>\n\n## Notes\n";
    const r = splicePage(page, { keyFacts: ["- fact ([[Call]])"] }, DEFAULT_SETTINGS, "2025-01-02");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe(
      "---\ntype: customer\nlast_contact: 2025-01-02\n---\n# Acme\n\n<details>\n## Key Facts\n- my hidden fact\n</details>\n\n## Notes\n\n## Key Facts\n\n- fact ([[Call]])\n",
    );
    expect(splicePage(r.text, { keyFacts: ["- fact ([[Call]])"] }, DEFAULT_SETTINGS, "2025-01-02").text).toBe(r.text);
  });
});

describe("a lone $$ on a page", () => {
  it("is text even with a `$$` in inline code below it: the sections between stay found, a second run changes nothing", () => {
    const page = "# Acme\n\nDeal size: $$ TBD\n\n## Key Facts\n\n- old\n\n## Notes\n\nRun `echo $$` to see the pid.\n";
    const b = { keyFacts: ["- fact ([[Call]])"] };
    const r = splicePage(page, b, DEFAULT_SETTINGS, "2025-01-02");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe(
      "---\nlast_contact: 2025-01-02\n---\n# Acme\n\nDeal size: $$ TBD\n\n## Key Facts\n\n- fact ([[Call]])\n\n## Notes\n\nRun `echo $$` to see the pid.\n",
    );
    expect(splicePage(r.text, b, DEFAULT_SETTINGS, "2025-01-02").text).toBe(r.text);
  });
});

describe("last_contact with YAML anchors", () => {
  it("keeps an anchor on the value, so aliases to it stay valid", () => {
    const page = "---\nLast_Contact: &a x\nstatus: *a\n---\n# Acme\n";
    const once = splicePage(page, {}, DEFAULT_SETTINGS, "2025-01-03");
    expect(once.text).toBe("---\nLast_Contact: &a 2025-01-03\nstatus: *a\n---\n# Acme\n");
    expect(splicePage(once.text, {}, DEFAULT_SETTINGS, "2025-01-03").text).toBe(once.text);
  });

  it("replaces a block-scalar value with the new one, keeping the other keys", () => {
    const page = "---\nlast_contact: |\n  x\nother: y\n---\n";
    expect(splicePage(page, {}, DEFAULT_SETTINGS, "2025-01-03").text).toBe("---\nlast_contact: 2025-01-03\nother: y\n---\n");
  });
});
