// Where a reader lands who opens a page, in Debian's headless Chromium: with the
// browser's language(s) as given (its Accept-Language and navigator.languages alike),
// with JavaScript or without.
//   node landing.mjs '[{"url": URL, "languages": "de-DE,de", "javascript": true}, ...]'
//   ->   JSON: [{url, languages, javascript, landed, lang}]
import { launch } from "./browser.mjs";

const browser = await launch();
const found = [];
try {
  for (const visit of JSON.parse(process.argv[2])) {
    const tab = await browser.newPage();
    // No time limit: a busy machine is slow, never wrong.
    tab.setDefaultNavigationTimeout(0);
    tab.setDefaultTimeout(0);
    await tab.setJavaScriptEnabled(visit.javascript);
    const cdp = await tab.createCDPSession();
    await cdp.send("Network.setUserAgentOverride", {
      userAgent: await browser.userAgent(), acceptLanguage: visit.languages });
    await tab.goto(visit.url, { waitUntil: "load" });
    if (visit.javascript) {
      // The entry page sends the reader on with location.replace: wait for a page of
      // the book (Sphinx's pages carry data-content_root, the entry page does not).
      await tab.waitForFunction(
        () => document.readyState === "complete" &&
              document.documentElement.hasAttribute("data-content_root"), { timeout: 0 });
    }
    const lang = await tab.evaluate(() => document.documentElement.lang);
    found.push({ ...visit, landed: tab.url(), lang });
    await tab.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(found, null, 1));
