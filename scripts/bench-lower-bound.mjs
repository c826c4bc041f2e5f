// node --expose-gc scripts/bench-lower-bound.mjs [1000,10000] : a lower bound for issue 4's ratio
// (docs/performance.md, "Twenty-fourth round"). Not the engine: the least any engine must do —
// read, split the frontmatter, find headings, list items, tasks and wikilinks, skip fences; resolve
// links by basename; relate notes to customers directly and through people; render three sections
// as text — with none of the contract's other rules, on the vaults `npm run bench` made, its floor
// measured as scripts/bench.ts measures it, in the same process.
import { readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

function listNotes(root) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".md")) out.push(p);
    }
  };
  walk("");
  return out.sort();
}

function parse(path, text) {
  const fm = {};
  let pos = 0;
  const n = text.length;
  if (text.startsWith("---\n")) {
    const end = text.indexOf("\n---", 3);
    if (end > 0) {
      let ls = 4;
      while (ls < end) {
        let le = text.indexOf("\n", ls);
        if (le < 0 || le > end) le = end;
        const colon = text.indexOf(":", ls);
        if (colon > ls && colon < le) {
          let v = text.slice(colon + 1, le).trim();
          if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
          fm[text.slice(ls, colon)] = v;
        }
        ls = le + 1;
      }
      pos = text.indexOf("\n", end + 1) + 1 || n;
    }
  }
  const links = [];
  const items = [];
  let section = "";
  let fence = false;
  while (pos < n) {
    let le = text.indexOf("\n", pos);
    if (le < 0) le = n;
    const c = text.charCodeAt(pos);
    if (c === 96 && text.startsWith("```", pos)) {
      fence = !fence;
    } else if (!fence) {
      if (c === 35) {
        let h = pos;
        while (h < le && text.charCodeAt(h) === 35) h++;
        if (text.charCodeAt(h) === 32) section = text.slice(h + 1, le);
      } else if ((c === 45 || c === 42) && text.charCodeAt(pos + 1) === 32) {
        let t = pos + 2;
        let task = 0;
        if (text.charCodeAt(t) === 91 && text.charCodeAt(t + 2) === 93 && text.charCodeAt(t + 3) === 32) {
          task = text.charCodeAt(t + 1) === 32 ? 1 : 2;
          t += 4;
        }
        items.push({ text: text.slice(t, le), section, task });
      }
      let k = text.indexOf("[[", pos);
      while (k >= 0 && k < le) {
        const e = text.indexOf("]]", k + 2);
        if (e < 0 || e > le) break;
        let target = text.slice(k + 2, e);
        const bar = target.indexOf("|");
        if (bar >= 0) target = target.slice(0, bar);
        links.push(target);
        k = text.indexOf("[[", e + 2);
      }
    }
    pos = le + 1;
  }
  const fmLinks = [];
  for (const key in fm) {
    const v = fm[key];
    if (v.startsWith("[[") && v.endsWith("]]")) fmLinks.push(v.slice(2, -2));
  }
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1, -3);
  const date = /^\d{4}-\d{2}-\d{2}/.test(base) ? base.slice(0, 10) : "";
  return { path, base, type: fm.type ?? "", fm, links, fmLinks, items, date };
}

function buildIndex(notes) {
  const byName = new Map();
  for (const n of notes) byName.set(n.base.toLowerCase(), n);
  for (const n of notes) {
    n.out = [];
    for (const l of n.links) {
      const t = byName.get(l.toLowerCase());
      if (t) n.out.push(t);
    }
    n.company = null;
    for (const l of n.fmLinks) {
      const t = byName.get(l.toLowerCase());
      if (t) {
        n.out.push(t);
        if (n.type === "person" || n.type === "project") n.company = t;
      }
    }
  }
  const related = new Map();
  for (const n of notes) if (n.type === "customer") related.set(n, new Set());
  for (const n of notes) {
    if (n.type === "customer") continue;
    for (const t of n.out) {
      const c = t.type === "customer" ? t : t.company && t.company.type === "customer" ? t.company : null;
      if (c) related.get(c).add(n);
    }
  }
  return related;
}

function render(customer, rel) {
  const notes = [...rel].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.path < b.path ? -1 : 1));
  const recent = [];
  const facts = [];
  const tasks = [];
  const seen = new Set();
  for (const n of notes) {
    if (n.type === "person") continue;
    if (recent.length < 10 && n.date) recent.push(`- ${n.date}: [[${n.base}]]${n.fm.summary ? ` — ${n.fm.summary}` : ""}`);
    for (const it of n.items) {
      const key = it.text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      if (it.task === 1) tasks.push(`- [ ] ${it.text} ([[${n.base}]])`);
      else if (it.section === "Key Facts") facts.push(`- ${it.text} ([[${n.base}]])`);
    }
  }
  return `## Recent Context\n\n${recent.join("\n")}\n\n## Key Facts\n\n${facts.join("\n")}\n\n## Open Tasks\n\n${tasks.join("\n")}\n`;
}

function floorOnce(vault) {
  const t0 = performance.now();
  let links = 0;
  for (const p of listNotes(vault)) {
    const m = readFileSync(join(vault, p), "utf8").match(/\[\[([^\]]+)\]\]/g);
    if (m) links += m.length;
  }
  if (links < 0) throw new Error();
  return performance.now() - t0;
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

for (const size of (process.argv[2] ?? "1000,10000").split(",")) {
  const vault = join(tmpdir(), "customer-pages-bench", `vault-${size}`);
  floorOnce(vault);
  const floor = med([floorOnce(vault), floorOnce(vault), floorOnce(vault)]);
  globalThis.gc?.();
  let t = performance.now();
  const notes = listNotes(vault).map((p) => parse(p, readFileSync(join(vault, p), "utf8")));
  const related = buildIndex(notes);
  const index = performance.now() - t;
  t = performance.now();
  let bytes = 0;
  for (const [c, rel] of related) bytes += render(c, rel).length;
  const regen = performance.now() - t;
  console.log(`lean ${size} floor ${floor.toFixed(0)} index ${index.toFixed(0)} regen ${regen.toFixed(0)} ratio ${((index + regen) / floor).toFixed(2)} (${related.size} pages, ${bytes} bytes)`);
}
