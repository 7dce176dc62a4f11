// dumps readable text of pages as a role in a language
import { chromium } from "playwright-core";
const [email, lang, ...paths] = process.argv.slice(2);
const base = "http://127.0.0.1:41731";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const p = await b.newPage();
if (email !== "-") {
  await p.goto(base + "/login");
  await p.fill("input[type=email], input[name=email]", email);
  await p.fill("input[type=password]", "taf-demo-password");
  await Promise.all([p.waitForURL((u) => !u.pathname.startsWith("/login")), p.click("main button[type=submit]")]);
}
await p.goto(base + "/?lng=" + lang); await p.waitForURL((u) => !u.searchParams.has("lng"));
for (const path of paths) {
  await p.goto(base + path);
  const html = await p.content();
  console.log("=== " + path); console.log(await p.evaluate(() => document.querySelector("main").innerText));
  if (process.env.HTML) console.log(html);
}
await b.close();
