// Every case of corpora/link-cases.json: which links a note has, and where they resolve.
import { describe, expect, it } from "vitest";
import { parseNote } from "../../src/core/note";
import { Resolver } from "../../src/core/resolve";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { listFiles } from "../helpers/vault";
import { CORPORA, readJson } from "../helpers/corpora";
import { join } from "node:path";

interface ExpectedLink {
  target: string;
  heading?: string;
  block?: string;
  alias?: string;
  embed: boolean;
  kind: "wikilink" | "markdown" | "frontmatter";
  frontmatter_key?: string;
}

interface LinkCase {
  id: string;
  oracle: string;
  markdown: string;
  expected_links: ExpectedLink[];
  files?: string[];
  source_file?: string;
  expected_resolution?: Record<string, string | null>;
}

/**
 * Where the spec decides differently from a case's oracle, our expectation replaces the case's,
 * with the reason. Nothing else is overridden.
 */
const LINK_DIVERGENCES: Record<string, { links?: ExpectedLink[]; reason: string }> = {
  "obs-comments_markdown_style": {
    links: [],
    reason: "Obsidian records a link inside an inline %% comment; §1 and §3 say comments yield no links",
  },
  "dv-escaped-pipe": {
    links: [{ target: "Hello", alias: " There", embed: false, kind: "wikilink" }],
    reason: "§3: the target is split at | or \\| — Dataview alone keeps \\| in the target",
  },
  "dv-escaped-pipe-target": {
    links: [],
    reason: "§3: split at the first \\| leaves an empty target and no heading, which is no link (Dataview-only semantics)",
  },
};

const RESOLUTION_DIVERGENCES: Record<string, { expected: Record<string, string | null>; reason: string }> = {
  "foam-resolution-case-sensitive": {
    expected: { Note: "a/Note.md", note: "a/Note.md" },
    reason: "§3: comparisons ignore case (as Obsidian); with no same-folder match and equal lengths, code-unit order picks a/Note.md",
  },
  "fs-suffix-path": {
    expected: { "guide/post": null, README: "blog/README.md" },
    reason: ".mdx files are not notes (§1); blog/README.md and docs/README.md are equally short, so code-unit order picks blog/",
  },
};

const cases = readJson<LinkCase[]>("link-cases.json");
const tasksDemoFiles = listFiles(join(CORPORA, "vaults", "Tasks-Demo"));

function shape(l: ExpectedLink): string {
  return JSON.stringify([l.kind, l.embed, l.target, l.heading ?? null, l.block ?? null, l.alias ?? null, l.frontmatter_key ?? null]);
}

describe("link-cases.json", () => {
  it("has the cases the corpus README announces", () => {
    expect(cases.length).toBe(121);
    expect(cases.reduce((n, c) => n + c.expected_links.length, 0)).toBe(191);
  });

  for (const c of cases) {
    it(`${c.id} (${c.oracle})`, () => {
      const source = c.source_file ?? "Note.md";
      const { note } = parseNote(source, c.markdown, DEFAULT_SETTINGS);
      const ours = note.links.map((l) => {
        const e: ExpectedLink = {
          target: l.target,
          embed: l.embed,
          kind: l.kind === "wiki" ? "wikilink" : l.kind === "md" ? "markdown" : "frontmatter",
        };
        if (l.subpath !== null) {
          if (l.subpath.startsWith("^")) e.block = l.subpath.slice(1);
          else e.heading = l.subpath;
        }
        if (l.alias !== null) e.alias = l.alias;
        if (l.key !== undefined) {
          // Obsidian names list entries key.0, key.1 …; we keep the top-level key.
          e.frontmatter_key = l.key;
        }
        return e;
      });
      const expected = (LINK_DIVERGENCES[c.id]?.links ?? c.expected_links).map((l) => ({
        ...l,
        ...(l.frontmatter_key !== undefined ? { frontmatter_key: l.frontmatter_key.replace(/\.\d+$/, "") } : {}),
      }));
      // Obsidian lists body links before frontmatter links; we read the frontmatter first (§5 "via").
      expect(ours.map(shape).sort()).toEqual(expected.map(shape).sort());
    });

    if (c.expected_resolution) {
      it(`${c.id} resolves as expected`, () => {
        const resolver = new Resolver();
        const source = c.source_file ?? "Index.md";
        const files = c.files ?? tasksDemoFiles;
        for (const f of files) if (f.endsWith(".md")) resolver.set(f, [], false);
        if (!resolver.has(source)) resolver.set(source, [], false);
        const expected = RESOLUTION_DIVERGENCES[c.id]?.expected ?? c.expected_resolution!;
        for (const [link, want] of Object.entries(expected)) {
          const hash = link.indexOf("#");
          let target = hash < 0 ? link : link.slice(0, hash);
          if (target.includes("%")) target = decodeURIComponent(target);
          const got = resolver.resolve(target, source);
          if (want === null || !want.endsWith(".md")) {
            // Unresolved, or an attachment (a file that is not a note): no note either way.
            expect(got.path, link).toBeNull();
            if (want !== null) expect(got.attachment, link).toBe(true);
          } else {
            expect(got.path, link).toBe(want);
          }
        }
      });
    }
  }
});
