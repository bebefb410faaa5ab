import { describe, expect, it } from "vitest";
import { markdownToPlainText, parseInline, parseMarkdown, safeHref, type Block, type Inline } from "./markdown";

const text = (t: string): Inline => ({ type: "text", text: t });
const para = (...children: Inline[]): Block => ({ type: "paragraph", children });

/** Every link address anywhere in the tree, to prove unsafe ones never survive. */
function hrefs(blocks: Block[]): string[] {
  const out: string[] = [];
  const inl = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.type === "link") out.push(n.href);
      if (n.type === "link" || n.type === "strong" || n.type === "emphasis") inl(n.children);
    }
  };
  const blk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === "paragraph" || b.type === "heading") inl(b.children);
      if (b.type === "blockquote") blk(b.children);
      if (b.type === "list") for (const item of b.items) {
        inl(item.children);
        if (item.sublist) blk([item.sublist]);
      }
    }
  };
  blk(blocks);
  return out;
}

describe("safeHref: an allow-list of link addresses (issue 6: no script)", () => {
  it.each([
    ["https://www.ris.gov.tw/app/portal", true],
    ["HTTP://example.com", true],
    ["mailto:hr@fubei.gov.tw", false],
    ["/knowledge/12", false],
  ])("keeps %s (external: %s)", (href, external) => {
    expect(safeHref(href)).toEqual({ href, external });
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "//evil.example/x",
    "/\\evil.example/x",
    "https:\\\\evil.example",
    "file:///etc/passwd",
    "#top",
    "cases/12",
    "http:evil",
    "https://exa\u200bmple.com",
    "",
  ])("refuses %j", (href) => {
    expect(safeHref(href)).toBeNull();
  });
});

describe("parseMarkdown: raw HTML and unsafe links stay text", () => {
  it("shows a script tag as text, never as an element", () => {
    expect(parseMarkdown("<script>alert(1)</script>")).toEqual([para(text("<script>alert(1)</script>"))]);
  });

  it("shows <img onerror> as text", () => {
    expect(parseMarkdown('<img src=x onerror="alert(1)">')).toEqual([para(text('<img src=x onerror="alert(1)">'))]);
  });

  it("does not turn </script> into a link to a site path", () => {
    expect(hrefs(parseMarkdown("</script>"))).toEqual([]);
  });

  it.each([
    "[按這裡](javascript:alert(1))",
    "[按這裡](JAVASCRIPT:alert(1))",
    "[按這裡](javascript&#58;alert(1))",
    "[按這裡]( javascript:alert(1) )",
    "[按這裡](<java\tscript:alert(1)>)",
    "[按這裡](data:text/html,<script>alert(1)</script>)",
    "[按這裡](vbscript:msgbox)",
    "[按這裡](//evil.example)",
  ])("%s keeps only the link text", (src) => {
    const blocks = parseMarkdown(src);
    expect(hrefs(blocks)).toEqual([]);
    expect(blocks).toEqual([para(text("按這裡"))]);
  });

  it("keeps an unsafe autolink as visible text, not a link", () => {
    const blocks = parseMarkdown("<javascript:alert(1)>");
    expect(hrefs(blocks)).toEqual([]);
    expect(blocks).toEqual([para(text("<javascript:alert(1)>"))]);
  });

  it("shows images as their alt text, linked only when the address is safe", () => {
    expect(parseMarkdown("![戶籍謄本樣張](https://example.com/a.png)")).toEqual([
      para({ type: "link", href: "https://example.com/a.png", external: true, image: true, children: [text("戶籍謄本樣張")] }),
    ]);
    expect(parseMarkdown("![x](javascript:alert(1))")).toEqual([para(text("x"))]);
    expect(parseMarkdown("![](data:image/svg+xml;base64,PHN2Zz4=)")).toEqual([para(text("圖片"))]);
    // A space ends an address, so this is no image at all: all of it stays visible text.
    expect(parseMarkdown('![](data:image/svg+xml,<svg onload="alert(1)">)')).toEqual([para(text('![](data:image/svg+xml,<svg onload="alert(1)">)'))]);
  });
});

describe("parseMarkdown: links", () => {
  it.each<[string, Inline[]]>([
    ["[內政部](https://www.moi.gov.tw)", [{ type: "link", href: "https://www.moi.gov.tw", external: true, children: [text("內政部")] }]],
    ['[案例 12](/knowledge/12 "標題")', [{ type: "link", href: "/knowledge/12", external: false, children: [text("案例 12")] }]],
    ["<mailto:hr@fubei.gov.tw>", [{ type: "link", href: "mailto:hr@fubei.gov.tw", external: false, children: [text("mailto:hr@fubei.gov.tw")] }]],
    ["<hr@fubei.gov.tw>", [{ type: "link", href: "mailto:hr@fubei.gov.tw", external: false, children: [text("hr@fubei.gov.tw")] }]],
    [
      "請見https://www.ris.gov.tw/a?b=1。",
      [text("請見"), { type: "link", href: "https://www.ris.gov.tw/a?b=1", external: true, children: [text("https://www.ris.gov.tw/a?b=1")] }, text("。")],
    ],
    [
      "(see https://example.com/x_(y)).",
      [text("(see "), { type: "link", href: "https://example.com/x_(y)", external: true, children: [text("https://example.com/x_(y)")] }, text(").")],
    ],
    [
      "[**粗體**連結](https://a.tw)",
      [{ type: "link", href: "https://a.tw", external: true, children: [{ type: "strong", children: [text("粗體")] }, text("連結")] }],
    ],
    ["[沒有網址]", [text("[沒有網址]")]],
  ])("%s", (src, expected) => {
    expect(parseInline(src)).toEqual(expected);
  });

  it("does not nest a link inside a link", () => {
    expect(parseInline("[a [b](https://b.tw)](https://a.tw)")).toEqual([
      { type: "link", href: "https://a.tw", external: true, children: [text("a b")] },
    ]);
  });
});

describe("parseInline: emphasis and code", () => {
  it.each<[string, Inline[]]>([
    ["**粗體**", [{ type: "strong", children: [text("粗體")] }]],
    ["*斜體*", [{ type: "emphasis", children: [text("斜體")] }]],
    ["***兩者***", [{ type: "emphasis", children: [{ type: "strong", children: [text("兩者")] }] }]],
    ["**粗 *斜* 粗**", [{ type: "strong", children: [text("粗 "), { type: "emphasis", children: [text("斜")] }, text(" 粗")] }]],
    ["*斜 **粗** 斜*", [{ type: "emphasis", children: [text("斜 "), { type: "strong", children: [text("粗")] }, text(" 斜")] }]],
    // Full-width punctuation next to the stars, which CommonMark's flanking rules would refuse.
    ["申請人應**「親自」**到場。", [text("申請人應"), { type: "strong", children: [text("「親自」")] }, text("到場。")]],
    ["2 * 3 * 4", [text("2 * 3 * 4")]],
    ["**未閉合", [text("**未閉合")]],
    ["\\*不是斜體\\*", [text("*不是斜體*")]],
    ["`<script>`", [{ type: "code", text: "<script>" }]],
    ["``a ` b``", [{ type: "code", text: "a ` b" }]],
    ["`**不處理**`", [{ type: "code", text: "**不處理**" }]],
    ["`未閉合", [text("`未閉合")]],
    ["第一行\n第二行", [text("第一行"), { type: "break" }, text("第二行")]],
  ])("%j", (src, expected) => {
    expect(parseInline(src)).toEqual(expected);
  });

  it("handles thousands of stars in linear-ish time", () => {
    const started = Date.now();
    parseInline("a* ".repeat(20_000));
    parseInline("*a ".repeat(20_000));
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("parseMarkdown: blocks", () => {
  it("reads headings, paragraphs with Chinese full-width punctuation, and rules", () => {
    expect(parseMarkdown("# 案情\n\n申請人（甲）於民國113年，持憑證明文件：辦理認領。\n\n---\n### 處理方式 ###\n#### 更深")).toEqual([
      { type: "heading", level: 1, children: [text("案情")] },
      para(text("申請人（甲）於民國113年，持憑證明文件：辦理認領。")),
      { type: "rule" },
      { type: "heading", level: 3, children: [text("處理方式")] },
      { type: "heading", level: 3, children: [text("更深")] },
    ]);
  });

  it("does not read a hashtag as a heading", () => {
    expect(parseMarkdown("#認領")).toEqual([para(text("#認領"))]);
  });

  it("reads bullet and numbered lists with one level of nesting", () => {
    expect(parseMarkdown("1. 查驗證件\n2. 登記\n   - 父\n   - 母\n      - 更深一層\n3. 發證")).toEqual([
      {
        type: "list",
        ordered: true,
        start: 1,
        items: [
          { children: [text("查驗證件")], sublist: null },
          {
            children: [text("登記")],
            sublist: {
              type: "list",
              ordered: false,
              start: 1,
              items: [
                { children: [text("父")], sublist: null },
                { children: [text("母")], sublist: null },
                { children: [text("更深一層")], sublist: null },
              ],
            },
          },
          { children: [text("發證")], sublist: null },
        ],
      },
    ]);
  });

  it("keeps a list across blank lines, continues items with text lines, and splits lists of another kind", () => {
    expect(parseMarkdown("- 甲\n  續行\n\n- 乙\n\n1. 一\n\n段落")).toEqual([
      {
        type: "list",
        ordered: false,
        start: 1,
        items: [
          { children: [text("甲"), { type: "break" }, text("續行")], sublist: null },
          { children: [text("乙")], sublist: null },
        ],
      },
      { type: "list", ordered: true, start: 1, items: [{ children: [text("一")], sublist: null }] },
      para(text("段落")),
    ]);
  });

  it("starts an ordered list at its first number", () => {
    const [list] = parseMarkdown("3) 第三\n4) 第四");
    expect(list).toMatchObject({ type: "list", ordered: true, start: 3 });
  });

  it("reads block quotes, nested ones, and lazy continuation lines", () => {
    expect(parseMarkdown("> 內政部函釋：\n> > 引文\n續行\n\n後文")).toEqual([
      { type: "blockquote", children: [para(text("內政部函釋：")), { type: "blockquote", children: [para(text("引文"), { type: "break" }, text("續行"))] }] },
      para(text("後文")),
    ]);
  });

  it("limits quote nesting depth", () => {
    const deep = parseMarkdown(">".repeat(50) + " 深");
    let depth = 0;
    let node: Block | undefined = deep[0];
    while (node?.type === "blockquote") {
      depth++;
      node = node.children[0];
    }
    expect(depth).toBeLessThanOrEqual(8);
  });

  it("keeps fenced code verbatim: HTML, Markdown marks, blank lines and indentation", () => {
    const code = '<script>alert("x")</script>\n\n  **不是粗體** [不是連結](javascript:alert(1))\n# 不是標題';
    expect(parseMarkdown("```html\n" + code + "\n```\n之後")).toEqual([{ type: "codeBlock", lang: "html", text: code }, para(text("之後"))]);
    expect(parseMarkdown("~~~~\n```\n~~~~")).toEqual([{ type: "codeBlock", lang: null, text: "```" }]);
    expect(parseMarkdown("```\n未閉合\n仍是程式碼")).toEqual([{ type: "codeBlock", lang: null, text: "未閉合\n仍是程式碼" }]);
  });

  it("drops an info string that is not a plain language name", () => {
    expect(parseMarkdown('```"onmouseover=alert(1)\nx\n```')).toEqual([{ type: "codeBlock", lang: null, text: "x" }]);
  });

  it("accepts Windows line endings and empty input", () => {
    expect(parseMarkdown("甲\r\n乙")).toEqual([para(text("甲"), { type: "break" }, text("乙"))]);
    expect(parseMarkdown("")).toEqual([]);
    expect(parseMarkdown("\n\n  \n")).toEqual([]);
  });
});

describe("markdownToPlainText", () => {
  it("gives the words without marks or addresses, one block per line", () => {
    const md = "# 認領案例\n\n**非婚生**子女之[認領](https://law.moj.gov.tw)，見`民法第1065條`。\n\n- 甲\n  - 乙\n\n> 引文\n\n---\n\n```\ncode\n```\n\n![樣張](https://a.tw/x.png)";
    expect(markdownToPlainText(md)).toBe("認領案例\n非婚生子女之認領，見民法第1065條。\n甲\n乙\n引文\ncode\n樣張");
  });

  it("keeps raw HTML as the text it is", () => {
    expect(markdownToPlainText("<b>粗</b>")).toBe("<b>粗</b>");
  });
});
