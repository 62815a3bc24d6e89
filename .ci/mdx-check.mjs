// Compiles every markdown page under the given folder with MDX 3 (what
// Docusaurus 3 uses), GFM tables on; exits 1 listing each page it rejects.
// Usage: node .ci/mdx-check.mjs docs   (with @mdx-js/mdx and remark-gfm installed)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { compile } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

const root = process.argv[2] ?? "docs";
const failures = [];
const all = pages(root).sort();
for (const path of all) {
  try {
    await compile(readFileSync(path, "utf8"), { remarkPlugins: [remarkGfm] });
  } catch (e) {
    failures.push(`${path}: ${e.message}`);
  }
}
if (failures.length > 0) {
  console.error(`MDX rejects ${failures.length} of ${all.length} pages:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log(`MDX compiles all ${all.length} pages under ${root}/`);
