// Each EPUB as readers' apps open it: Readium's parser (r2-shared-js, Thorium's), and
// foliate-js and epub.js in Debian's headless Chromium at a phone's size, light and dark.
//   node reader.mjs SHOTS '[{"epub": FILE, "linkPage": DOCUMENT-WITH-A-LINK}, ...]'
//   -> JSON: [{epub, readium: {title, language, series}, foliate: {...}, epubjs: {...}}]
// Each engine says what it found and showed: the book's title, language and series, the
// first page it shows, the contents' title and entries, a chapter's text, the last page,
// and a link's colour on the background of a dark theme it applies. Screenshots in SHOTS.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";

const require = createRequire(import.meta.url);
const { PublicationParsePromise } = require("r2-shared-js/dist/es8-es2017/src/parser/publication-parser");

const GATES = dirname(fileURLToPath(import.meta.url));
const PHONE = { width: 390, height: 844 };
// A dark theme as a reading app applies it: its own background and text colour.
const DARK = { background: "rgb(18, 18, 18)", color: "rgb(230, 230, 230)" };
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html",
                ".epub": "application/epub+zip", ".wasm": "application/wasm" };

const [shots, booksJson] = process.argv.slice(2);
const books = JSON.parse(booksJson);

// The engines load modules and the book over HTTP (a module script may not come from
// file://): this server, on loopback only, serves tools/gates and the book being read.
let current = null;
const pages = {
  "/foliate.html": `<!DOCTYPE html><html><body style="margin:0">
<script type="module">
import "/node_modules/foliate-js/view.js";
window.view = document.createElement("foliate-view");
view.style.cssText = "display:block;width:100vw;height:100vh";
document.body.append(view);
</script></body></html>`,
  "/epubjs.html": `<!DOCTYPE html><html><body style="margin:0">
<script src="/node_modules/jszip/dist/jszip.min.js"></script>
<script src="/node_modules/epubjs/dist/epub.min.js"></script>
<div id="viewer" style="width:100vw;height:100vh"></div></body></html>`,
};
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
  try {
    const body = pages[path] ?? (path === "/book.epub" ? readFileSync(current)
      : readFileSync(join(GATES, path.replace(/^\/+/, "").replace(/\.\.+/g, ""))));
    response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const origin = `http://127.0.0.1:${server.address().port}`;

async function readium(epub) {
  const publication = await PublicationParsePromise(epub);
  const m = publication.Metadata;
  const series = m.BelongsTo?.Series?.[0];
  return {
    title: typeof m.Title === "string" ? m.Title : Object.values(m.Title ?? {})[0],
    language: m.Language?.[0],
    series: series ? { name: series.Name, position: series.Position } : null,
  };
}

// What a page of the engine shows: its document's address and text, from its frame.
const shown = (doc, href) => ({ href, text: doc.body.innerText.trim().slice(0, 3000) });

// In the page: the link's colour and the background behind it (the first ancestor with
// one), as the engine's theme computed them.
function linkColours(doc) {
  const link = doc.querySelector("body a[href]");
  if (!link) return null;
  const view = doc.defaultView;
  let element = link, background = "rgba(0, 0, 0, 0)";
  while (element && /rgba\(0, 0, 0, 0\)|transparent/.test(background)) {
    background = view.getComputedStyle(element).backgroundColor;
    element = element.parentElement;
  }
  return { color: view.getComputedStyle(link).color, background };
}

async function foliate(tab, book, name) {
  await tab.goto(`${origin}/foliate.html`, { waitUntil: "load" });
  await tab.waitForFunction(() => window.view);
  const run = (what, ...args) => tab.evaluate(what, ...args);
  const contents = (code) => run(`(() => { const { doc, index } = view.renderer.getContents()[0];
    const href = view.book.sections[index].id; return (${code})(doc, href); })()`);
  const found = await run(async () => {
    await view.open("/book.epub");
    const m = view.book.metadata;
    const series = [m.belongsTo?.series].flat()[0];
    const nav = new DOMParser().parseFromString(
      await view.book.loadText(view.book.resources.navPath), "application/xhtml+xml");
    return {
      title: typeof m.title === "string" ? m.title : Object.values(m.title ?? {})[0],
      language: [m.language].flat()[0],
      series: series ? { name: series.name, position: series.position } : null,
      navTitle: nav.querySelector("title").textContent,
      toc: view.book.toc.map((item) => ({ label: item.label, href: item.href })),
    };
  });
  await run(() => view.init({}));  // as a book opened for the first time
  found.first = await contents(shown.toString());
  await tab.screenshot({ path: join(shots, `${name}-foliate-first.png`) });
  const chapter = found.toc[Math.min(1, found.toc.length - 1)].href;
  await run((href) => view.goTo(href), chapter);
  found.chapter = await contents(shown.toString());
  await tab.screenshot({ path: join(shots, `${name}-foliate-chapter.png`) });
  await run((index) => view.goTo(index), (await run(() => view.book.sections.length)) - 1);
  found.last = await contents(shown.toString());
  await run((dark) => view.renderer.setStyles(
    `html, body { background: ${dark.background} !important; color: ${dark.color} !important; }`), DARK);
  await run((href) => view.goTo(href), book.linkPage);
  found.link = { href: book.linkPage, ...(await contents(linkColours.toString())) };
  await tab.screenshot({ path: join(shots, `${name}-foliate-dark.png`) });
  return found;
}

async function epubjs(tab, book, name) {
  await tab.goto(`${origin}/epubjs.html`, { waitUntil: "load" });
  const run = (what, ...args) => tab.evaluate(what, ...args);
  const contents = (code) => run(`(() => { const c = window.rendition.getContents()[0];
    return (${code})(c.document, window.rendition.currentLocation().start.href); })()`);
  const found = await run(async () => {
    window.book = ePub("/book.epub");
    window.rendition = book.renderTo("viewer", { width: "100%", height: "100%", spread: "none" });
    const [m, navigation] = await Promise.all([book.loaded.metadata, book.loaded.navigation]);
    const nav = await book.load(book.resolve(book.packaging.navPath));
    return {
      title: m.title,
      language: m.language,
      series: null,  // epub.js reads no series
      navTitle: nav.querySelector("title").textContent,
      toc: navigation.toc.map((item) => ({ label: item.label.trim(), href: item.href })),
    };
  });
  await run(() => rendition.display());  // as a book opened for the first time
  found.first = await contents(shown.toString());
  await tab.screenshot({ path: join(shots, `${name}-epubjs-first.png`) });
  await run((href) => rendition.display(href), found.toc[Math.min(1, found.toc.length - 1)].href);
  found.chapter = await contents(shown.toString());
  await tab.screenshot({ path: join(shots, `${name}-epubjs-chapter.png`) });
  await run(() => rendition.display(book.spine.last().href));
  found.last = await contents(shown.toString());
  await run((dark) => {
    rendition.themes.register("dark", { body: {
      background: `${dark.background} !important`, color: `${dark.color} !important` } });
    rendition.themes.select("dark");
    document.body.style.background = dark.background;
  }, DARK);
  await run((href) => rendition.display(href), book.linkPage);
  found.link = { href: book.linkPage, ...(await contents(linkColours.toString())) };
  await tab.screenshot({ path: join(shots, `${name}-epubjs-dark.png`) });
  return found;
}

const browser = await launch();
const results = [];
try {
  const tab = await browser.newPage();
  // No time limit: a busy machine is slow, never wrong (a page that fails to load throws).
  tab.setDefaultNavigationTimeout(0);
  tab.setDefaultTimeout(0);
  await tab.setViewport(PHONE);
  for (const book of books) {
    current = book.epub;
    const name = `${basename(dirname(book.epub))}-${basename(book.epub, ".epub")}`;
    results.push({ epub: book.epub, readium: await readium(book.epub),
                   foliate: await foliate(tab, book, name), epubjs: await epubjs(tab, book, name) });
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(results, null, 1));
