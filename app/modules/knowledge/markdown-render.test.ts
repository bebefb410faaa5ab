// The rendered HTML of <MarkdownView>, checked the way an attacker would try it (issue 6: Markdown
// sanitizing, script and javascript: links removed). A .ts file with createElement because vitest
// only collects app/**/*.test.ts (vitest.config.ts).
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownView } from "~/components/knowledge/markdown-view";

const render = (source: string) => renderToStaticMarkup(createElement(MantineProvider, null, createElement(MarkdownView, { source })));

/** The opening tags of the output: raw HTML shown as text is escaped (&lt;…) and is not among them. */
const tags = (html: string) => html.match(/<[a-zA-Z][^>]*>/g) ?? [];

const ATTACKS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  '<img src=x onerror="alert(1)">',
  "<a href=\"javascript:alert(1)\">按</a>",
  '<svg/onload=alert(1)>',
  "[按這裡](javascript:alert(1))",
  "[按這裡](JaVaScRiPt:alert(1))",
  "[按這裡](javascript&#58;alert(1))",
  "[按這裡](&#106;avascript:alert(1))",
  "[按這裡](<java\tscript:alert(1)>)",
  "[按這裡](\u0001javascript:alert(1))",
  "[按這裡](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[按這裡](vbscript:msgbox(1))",
  "![x](javascript:alert(1))",
  '![x" onerror="alert(1)](https://a.tw/x.png)',
  '[x](https://a.tw/"onmouseover="alert(1))',
  "```\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  "> <script>alert(1)</script>\n\n- <img src=x onerror=alert(1)>\n  1. [a](javascript:alert(1))",
];

describe("MarkdownView: nothing from the text becomes markup", () => {
  it.each(ATTACKS)("%j", (source) => {
    const html = render(source);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|svg|iframe|object|embed)\b/i);
    for (const tag of tags(html)) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/javascript:|vbscript:|data:/i);
    }
    expect(html).not.toContain("dangerouslySetInnerHTML");
  });

  it("removes javascript: entirely when it was a Markdown link address", () => {
    for (const source of ATTACKS.filter((s) => s.startsWith("["))) {
      expect(render(source)).not.toMatch(/javascript/i);
    }
  });

  it("shows raw HTML as escaped text the reader can see", () => {
    const html = render('<img src=x onerror="alert(1)">');
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});

describe("MarkdownView: what it draws", () => {
  it("opens external links in a new tab without opener or referrer, and site links in place", () => {
    const html = render("[內政部](https://www.moi.gov.tw) 與 [案例](/knowledge/12)");
    expect(html).toMatch(/<a[^>]*href="https:\/\/www\.moi\.gov\.tw"[^>]*>/);
    const external = tags(html).find((t) => t.includes("moi.gov.tw"))!;
    expect(external).toContain('target="_blank"');
    expect(external).toContain('rel="noopener noreferrer"');
    const internal = tags(html).find((t) => t.includes("/knowledge/12"))!;
    expect(internal).not.toContain("target=");
  });

  it("renders headings, lists, quotes, code and emphasis with their elements", () => {
    const html = render("# 案情\n\n**重要** *注意* `代碼`\n\n1. 一\n   - 甲\n\n> 引文\n\n```\n  原樣\n```\n\n---");
    expect(html).toMatch(/<h3[^>]*>案情<\/h3>/);
    expect(html).toContain("<strong>重要</strong>");
    expect(html).toContain("<em>注意</em>");
    expect(html).toMatch(/<code[^>]*>代碼<\/code>/);
    expect(html).toMatch(/<ol[^>]*>[\s\S]*<ul[^>]*>[\s\S]*甲/);
    expect(html).toMatch(/<blockquote[^>]*>[\s\S]*引文/);
    expect(html).toMatch(/<pre[^>]*>  原樣<\/pre>/);
  });
});
