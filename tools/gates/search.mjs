// The site's search as a reader uses it, in Debian's headless Chromium: each search page
// given (with its ?q=), until the search says how many pages it found.
//   node search.mjs URL ...   ->   JSON: [{url, status, results, errors}]
import { launch } from "./browser.mjs";

const browser = await launch();
const found = [];
try {
  for (const url of process.argv.slice(2)) {
    const tab = await browser.newPage();
    // No time limit: a busy machine is slow, never wrong.
    tab.setDefaultNavigationTimeout(0);
    tab.setDefaultTimeout(0);
    const errors = [];
    const thrown = new Promise((resolve) => tab.on("pageerror", (error) => {
      errors.push(String(error.message || error));
      resolve();
    }));
    await tab.goto(url, { waitUntil: "load" });
    // The summary is written when the search is done, or never when it throws: wait for
    // the one or the other, however long it takes.
    await Promise.race([thrown, tab.waitForFunction(
      () => (document.querySelector("#search-results p.search-summary")?.innerText || "") !== "",
      { timeout: 0 })]);
    const status = await tab.evaluate(
      () => document.querySelector("#search-results p.search-summary")?.innerText || "");
    const results = await tab.evaluate(
      () => document.querySelectorAll("#search-results ul.search li").length);
    found.push({ url, status, results, errors });
    await tab.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(found, null, 1));
